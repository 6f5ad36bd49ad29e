// Two plan years at once: carried entries outlined in both years, new ones green, dropped ones red and dashed,
// with an opacity control that fades between the earlier and the later year. Both years are drawn from the parcel
// tiles (two layers over the one tile source); the class of each parcel id comes from GET /api/plans/diff.
import VectorTileLayer from 'ol/layer/VectorTile.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';

export const DIFF_STYLES = {
  carried: { name: '延续（两年均有，前一年虚线）', fill: 'rgba(31,95,168,0.18)', point: 'rgba(31,95,168,0.7)', stroke: '#1f5fa8', width: 2.4 },
  new: { name: '新增', fill: 'rgba(44,160,44,0.55)', point: 'rgba(44,160,44,0.85)', stroke: '#1e7b1e', width: 1.6 },
  dropped: { name: '取消', fill: 'rgba(214,39,40,0.12)', point: 'rgba(214,39,40,0.35)', stroke: '#d62728', width: 2.2, dash: [7, 5] },
};

function overlayStyle(style, compared, { selectedId }, earlier) {
  return (feature) => {
    const year = earlier ? compared.fromYear : compared.toYear;
    if (year == null || feature.get('planYear') !== year || feature.get('district') !== compared.district || !compared.shows(feature)) return undefined;
    const spec = DIFF_STYLES[compared.classOf(feature.getId())];
    const selected = feature.getId() === selectedId();
    // A carried entry's earlier outline is dashed so both years stay visible where they overlap.
    const dash = spec.dash ?? (earlier ? [4, 4] : undefined);
    const stroke = new Stroke({ color: selected ? style.parcels.selected.stroke : spec.stroke, width: selected ? 3.5 : spec.width, lineDash: dash });
    return new Style({
      fill: new Fill({ color: spec.fill }),
      stroke,
      // Entries without a stated area are placed as points.
      image: new Circle({ radius: 7, fill: new Fill({ color: spec.point }), stroke }),
      zIndex: selected ? 100 : 10,
    });
  };
}

// The label of a parcel in the comparison (drawn by the label layer, labels.js): year and entry, in its class's colour;
// null for a parcel the comparison does not show (also a year faded out by the mix slider).
export function overlayLabel(layers, feature) {
  const { compared } = layers;
  const year = feature.get('planYear');
  const layer = year === compared.fromYear ? layers.from : year === compared.toYear ? layers.to : null;
  if (!layer?.getVisible() || layer.getOpacity() === 0 || feature.get('district') !== compared.district || !compared.shows(feature)) return null;
  return { text: `${year}-${feature.get('seq')} ${feature.get('name')}`, color: DIFF_STYLES[compared.classOf(feature.getId())].stroke };
}

// `shows(feature)` hides what the page hides everywhere (the parcel being edited).
export function overlayLayers(style, source, { selectedId, shows }) {
  const compared = { fromYear: null, toYear: null, district: null, classes: new Map(), shows };
  // An entry of either year that the diff does not list is new, as before the diff knew it.
  compared.classOf = (id) => compared.classes.get(id) ?? 'new';
  const make = (earlier) => new VectorTileLayer({
    source,
    style: overlayStyle(style, compared, { selectedId }, earlier),
    visible: false,
    properties: { name: earlier ? 'overlay-from' : 'overlay-to' },
  });
  return { from: make(true), to: make(false), compared, classOf: compared.classOf };
}

// Reads the diff of the two years and restyles both layers by it; nothing else is fetched.
export async function loadOverlay(layers, { fromYear, toYear, district }) {
  const params = new URLSearchParams({ from: fromYear, to: toYear, district });
  const response = await fetch(`/api/plans/diff?${params}`);
  if (!response.ok) throw new Error(`/api/plans/diff: ${response.status}`);
  const diff = await response.json();
  const classes = new Map();
  for (const entry of diff.entries) {
    if (entry.fromParcelId != null) classes.set(entry.fromParcelId, entry.class);
    if (entry.toParcelId != null) classes.set(entry.toParcelId, entry.class);
  }
  Object.assign(layers.compared, { fromYear: Number(fromYear), toYear: Number(toYear), district, classes });
  layers.from.changed();
  layers.to.changed();
  const count = (c) => diff.entries.filter((e) => e.class === c).length;
  return {
    carried: count('carried'), new: count('new'), dropped: count('dropped'), parcels: classes.size,
    confirmed: diff.entries.filter((e) => e.review).length, broken: diff.brokenLinks.length, ignored: diff.ignoredDecisions,
  };
}

// 0 shows only the earlier year, 100 only the later one, 50 both at full strength.
export function mixOverlay(layers, value) {
  layers.from.setOpacity(Math.min(1, (100 - value) / 50));
  layers.to.setOpacity(Math.min(1, value / 50));
}

export function renderOverlayLegend(container, fromYear, toYear) {
  const row = (spec, label) => `<div class="legend-row"><span class="swatch diff" style="background:${spec.fill};border-color:${spec.stroke};border-style:${spec.dash ? 'dashed' : 'solid'}"></span>${label}</div>`;
  container.innerHTML = `
    <div class="legend-title">${fromYear} → ${toYear} 年计划对比</div>
    ${row(DIFF_STYLES.carried, DIFF_STYLES.carried.name)}
    ${row(DIFF_STYLES.new, `${DIFF_STYLES.new.name}（仅 ${toYear} 年）`)}
    ${row(DIFF_STYLES.dropped, `${DIFF_STYLES.dropped.name}（仅 ${fromYear} 年）`)}`;
}
