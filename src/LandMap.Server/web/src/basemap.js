// The basemap: our own vector tiles (/tiles/basemap), styled from tiles/style.json with Chinese labels.
import VectorTileLayer from 'ol/layer/VectorTile.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import MVT from 'ol/format/MVT.js';
import { Fill, Stroke, Style, Text, Circle } from 'ol/style.js';

const cache = new Map();

function cached(key, make) {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key);
}

function textStyle(spec, font, name, placement) {
  return new Text({
    text: name,
    font: `${spec.bold ? 'bold ' : ''}${spec.size ?? 12}px ${font}`,
    fill: new Fill({ color: spec.textColor ?? '#333' }),
    stroke: new Stroke({ color: spec.halo ?? 'rgba(255,255,255,0.9)', width: 3 }),
    placement,
    overflow: placement === 'line',
    offsetY: placement === 'point' && spec.point ? -12 : 0,
  });
}

export function basemapStyle(style) {
  const font = style.font;
  return (feature, resolution) => {
    const layer = feature.get('layer');
    const spec = style.layers[layer]?.[layer === 'roads' ? feature.get('class') : feature.get('kind')];
    if (!spec) return undefined;
    const zoom = Math.round(Math.log2(156543.03392804097 / resolution));
    const type = feature.getType();
    const labelOnly = feature.get('labelOnly');
    const base = labelOnly ? [] : cached(`${layer}:${feature.get('kind')}:${feature.get('class')}:${type}:${zoom > 14}`, () => {
      const styles = [];
      const width = (spec.width ?? 1) * (zoom > 14 ? 1.4 : 1);
      if (type.includes('Polygon')) {
        styles.push(new Style({
          fill: spec.fill ? new Fill({ color: spec.fill }) : undefined,
          stroke: spec.stroke ? new Stroke({ color: spec.stroke, width, lineDash: spec.dash }) : undefined,
          zIndex: 0,
        }));
      } else if (type.includes('Line')) {
        if (spec.casing) styles.push(new Style({ stroke: new Stroke({ color: spec.casing, width: width + 2 }), zIndex: 1 }));
        styles.push(new Style({ stroke: new Stroke({ color: spec.stroke, width, lineDash: spec.dash }), zIndex: 2 }));
      } else if (spec.point) {
        styles.push(new Style({ image: new Circle({ radius: spec.radius ?? 3, fill: new Fill({ color: spec.point }), stroke: new Stroke({ color: '#fff', width: 1 }) }), zIndex: 3 }));
      }
      return styles;
    });
    const name = spec.label ? feature.get(spec.label) : null;
    // Polygons are labelled through their label point only (one label, not one per tile).
    const showLabel = name && !type.includes('Polygon') && zoom >= (spec.minLabelZoom ?? 0) && zoom <= (spec.maxLabelZoom ?? 99);
    if (!showLabel) return base;
    const placement = type.includes('Line') ? 'line' : 'point';
    return [...base, new Style({ text: textStyle(spec, font, name, placement), zIndex: 10 })];
  };
}

export function basemapLayer(style) {
  return new VectorTileLayer({
    source: new VectorTileSource({
      format: new MVT(),
      url: '/tiles/basemap/{z}/{x}/{y}.pbf',
      maxZoom: 16,
    }),
    style: basemapStyle(style),
    declutter: true,
    background: style.background,
    properties: { name: 'basemap' },
  });
}
