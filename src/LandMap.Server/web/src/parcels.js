// Parcels drawn from the parcel tiles (/tiles/parcels, MVT): fill by project stage (else by geocode status), outline by
// plan year. Filters are styles (a feature that does not match gets no style), so changing one fetches nothing. The
// API is asked only for what a list or a panel needs: one parcel, a page of matches, or a few ids.
import VectorTileLayer from 'ol/layer/VectorTile.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import MVT from 'ol/format/MVT.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Fill, Stroke, Style, Circle } from 'ol/style.js';
import { asArray } from 'ol/color.js';

export function parcelColor(style, properties) {
  const stage = properties.projectStage && style.parcels.stages[properties.projectStage];
  return (stage ?? style.parcels.statuses[properties.status] ?? { color: '#bbbbbb' }).color;
}

export function withAlpha(color, alpha) {
  const [r, g, b] = asArray(color);
  return `rgba(${r},${g},${b},${alpha})`;
}

export const zoomOf = (resolution) => Math.log2(156543.03392804097 / resolution);

// `shows(feature)` is the filter, `selectedId()` the parcel drawn highlighted. Feature ids are parcel ids (MVT idProperty).
// Labels are drawn by their own layer (labels.js).
// `conflicted(id)`, when given, marks parcels with a conflict with the bureau's layers by a red outline under the usual one.
const conflictMark = new Style({ stroke: new Stroke({ color: 'rgba(192,57,43,0.9)', width: 4.5 }), zIndex: 9 });

export function parcelStyle(style, { selectedId, shows, conflicted }) {
  const p = style.parcels;
  return (feature) => {
    if (!shows(feature)) return undefined;
    const properties = feature.getProperties();
    const selected = feature.getId() === selectedId();
    const color = parcelColor(style, properties);
    const year = p.planYears[properties.planYear] ?? p.planYears.default;
    const stroke = selected
      ? new Stroke({ color: p.selected.stroke, width: p.selected.width })
      : new Stroke({ color: year.stroke, width: 1.6, lineDash: year.dash });
    const main = new Style({
      fill: new Fill({ color: withAlpha(color, selected ? 0.8 : p.fillOpacity) }),
      stroke,
      image: new Circle({ radius: 7, fill: new Fill({ color: withAlpha(color, 0.85) }), stroke }),
      zIndex: selected ? 100 : 10,
    });
    return conflicted?.(feature.getId()) ? [conflictMark, main] : main;
  };
}

export function parcelTileSource() {
  return new VectorTileSource({
    format: new MVT({ idProperty: 'id' }),
    url: '/tiles/parcels/{z}/{x}/{y}.pbf',
    maxZoom: 16,
  });
}

export function parcelLayer(style, source, view) {
  return new VectorTileLayer({
    source,
    style: parcelStyle(style, view),
    // Every fill, outline and point is drawn; only the labels (their own layer) give way to each other.
    declutter: false,
    properties: { name: 'parcels' },
  });
}

// Planar area (map units²) of a tile feature: the sum of its rings' signed areas (MVT exterior rings and holes wind in
// opposite directions). A tile holds the part of a parcel inside the tile and its buffer, so two parcels clipped by the
// same tile keep their order when one lies inside the other. Points and lines have no area.
export function renderedArea(feature) {
  if (!/Polygon/.test(feature.getType())) return 0;
  const flat = feature.getFlatCoordinates();
  const stride = feature.getStride?.() ?? 2;
  let sum = 0;
  let start = 0;
  for (const end of feature.getEnds()) {
    for (let i = start; i < end - stride; i += stride) sum += flat[i] * flat[i + stride + 1] - flat[i + stride] * flat[i + 1];
    sum += flat[end - stride] * flat[start + 1] - flat[start] * flat[end - stride + 1];
    start = end;
  }
  return Math.abs(sum / 2);
}

// The parcels under a click, smallest first: by the server's computed area when every candidate has one, else by the
// area drawn in the tile. One entry per parcel (a parcel on a tile edge comes from two tiles).
export function parcelsAtPixel(map, pixel, layerFilter) {
  const byId = new Map();
  for (const feature of map.getFeaturesAtPixel(pixel, { layerFilter, hitTolerance: 2 })) {
    const id = feature.getId();
    if (id == null) continue;
    const area = renderedArea(feature);
    if (!byId.has(id) || byId.get(id).area < area) byId.set(id, { id, feature, area, name: feature.get('name') });
  }
  const hits = [...byId.values()];
  const computed = hits.every((h) => h.feature.get('areaMuComputed') != null);
  const size = (h) => (computed ? h.feature.get('areaMuComputed') : h.area);
  return hits.sort((a, b) => size(a) - size(b) || a.id - b.id);
}

export const geojson = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

// A refused query throws an error carrying the server's problem text (RFC 7807 detail), for the page to show.
const getCollection = async (params) => {
  const response = await fetch(`/api/parcels?${params}`);
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    // The problem's title and what it says of each parameter (the validation errors), else its detail.
    const errors = Object.values(problem.errors ?? {}).flat();
    const text = problem.title && errors.length ? `${problem.title}：${errors.join('；')}` : problem.detail ?? problem.title;
    throw Object.assign(new Error(text ?? `/api/parcels: ${response.status}`), { problem });
  }
  return response.json();
};

// One page of GET /api/parcels. `matched` is the server's numberMatched. A server that does not page (or ignores
// ids= or sortby=) answers with every match: the page keeps the asked ids, sorts by stated area when asked to and keeps
// at most `limit` features either way.
export async function queryParcels({ planYear, district, q, use, minAreaMu, maxAreaMu, available, ids, sortby, limit } = {}) {
  const params = new URLSearchParams();
  if (planYear) params.set('planYear', planYear);
  if (district) params.set('district', district);
  if (q) params.set('q', q);
  if (use) params.set('use', use);
  if (minAreaMu != null) params.set('minAreaMu', minAreaMu);
  if (maxAreaMu != null) params.set('maxAreaMu', maxAreaMu);
  if (available != null) params.set('available', available);
  if (ids) params.set('ids', ids.join(','));
  if (sortby) params.set('sortby', sortby);
  if (limit != null) params.set('limit', limit);
  const collection = await getCollection(params);
  const wanted = ids ? new Set(ids) : null;
  const all = geojson.readFeatures(collection).filter((f) => !wanted || wanted.has(f.getId()));
  if (sortby === '-areaMu') all.sort((a, b) => (b.get('areaMu') ?? -1) - (a.get('areaMu') ?? -1));
  const features = limit != null ? all.slice(0, limit) : all;
  return { features, matched: wanted ? all.length : collection.numberMatched ?? all.length };
}

// Geometries of a few parcels (project symbols): one detail each when few, else pages of ids=.
export async function parcelGeometries(ids) {
  if (ids.length <= 20) {
    const details = await Promise.all(ids.map(async (id) => {
      const response = await fetch(`/api/parcels/${id}`);
      return response.ok ? response.json() : null;
    }));
    return new Map(details.filter((d) => d?.geometry).map((d) => [d.properties.id, geojson.readGeometry(d.geometry)]));
  }
  const geometries = new Map();
  for (let i = 0; i < ids.length; i += 100) {
    const batch = ids.slice(i, i + 100);
    const { features } = await queryParcels({ ids: batch, limit: batch.length });
    features.filter((f) => f.getGeometry()).forEach((f) => geometries.set(f.getId(), f.getGeometry()));
  }
  return geometries;
}
