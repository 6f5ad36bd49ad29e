// Parcels from /api/parcels (GeoJSON): fill by project stage (else by geocode status), outline by plan year.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Fill, Stroke, Style, Text, Circle } from 'ol/style.js';
import { asArray } from 'ol/color.js';

export function parcelColor(style, properties) {
  const stage = properties.projectStage && style.parcels.stages[properties.projectStage];
  return (stage ?? style.parcels.statuses[properties.status] ?? { color: '#bbbbbb' }).color;
}

function withAlpha(color, alpha) {
  const [r, g, b] = asArray(color);
  return `rgba(${r},${g},${b},${alpha})`;
}

export function parcelStyle(style, selectedId) {
  const p = style.parcels;
  return (feature, resolution) => {
    const properties = feature.getProperties();
    const selected = properties.id === selectedId();
    const color = parcelColor(style, properties);
    const year = p.planYears[properties.planYear] ?? p.planYears.default;
    const stroke = selected
      ? new Stroke({ color: p.selected.stroke, width: p.selected.width })
      : new Stroke({ color: year.stroke, width: 1.6, lineDash: year.dash });
    const zoom = Math.log2(156543.03392804097 / resolution);
    const label = zoom >= p.label.minZoom || selected
      ? new Text({
          text: `${properties.seq} ${properties.name}`,
          font: `${selected ? 'bold ' : ''}${p.label.size}px ${style.font}`,
          fill: new Fill({ color: p.label.textColor }),
          stroke: new Stroke({ color: p.label.halo, width: 3 }),
          overflow: false,
        })
      : undefined;
    return new Style({
      fill: new Fill({ color: withAlpha(color, selected ? 0.8 : p.fillOpacity) }),
      stroke,
      image: new Circle({ radius: 7, fill: new Fill({ color: withAlpha(color, 0.85) }), stroke }),
      text: label,
      zIndex: selected ? 100 : 10,
    });
  };
}

export function parcelLayer(style, selectedId) {
  return new VectorLayer({
    source: new VectorSource(),
    style: parcelStyle(style, selectedId),
    declutter: false,
    properties: { name: 'parcels' },
  });
}

const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

export async function loadParcels(layer, { planYear, district, q, use, minAreaMu, maxAreaMu } = {}) {
  const params = new URLSearchParams();
  if (planYear) params.set('planYear', planYear);
  if (district) params.set('district', district);
  if (q) params.set('q', q);
  if (use) params.set('use', use);
  if (minAreaMu != null) params.set('minAreaMu', minAreaMu);
  if (maxAreaMu != null) params.set('maxAreaMu', maxAreaMu);
  const response = await fetch(`/api/parcels?${params}`);
  if (!response.ok) throw new Error(`/api/parcels: ${response.status}`);
  const collection = await response.json();
  const features = format.readFeatures(collection).filter((f) => f.getGeometry());
  if (layer) {
    layer.getSource().clear();
    layer.getSource().addFeatures(features);
  }
  return { collection, features };
}
