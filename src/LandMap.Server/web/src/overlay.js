// Two plan years at once: carried entries outlined in both years, new ones green, dropped ones red and dashed,
// with an opacity control that fades between the earlier and the later year.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style.js';
import { loadParcels } from './parcels.js';

export const DIFF_STYLES = {
  carried: { name: '延续（两年均有，前一年虚线）', fill: 'rgba(31,95,168,0.18)', point: 'rgba(31,95,168,0.7)', stroke: '#1f5fa8', width: 2.4 },
  new: { name: '新增', fill: 'rgba(44,160,44,0.55)', point: 'rgba(44,160,44,0.85)', stroke: '#1e7b1e', width: 1.6 },
  dropped: { name: '取消', fill: 'rgba(214,39,40,0.12)', point: 'rgba(214,39,40,0.35)', stroke: '#d62728', width: 2.2, dash: [7, 5] },
};

function overlayStyle(style, selectedId, earlier) {
  return (feature, resolution) => {
    const spec = DIFF_STYLES[feature.get('diffClass')] ?? DIFF_STYLES.new;
    const selected = feature.getId() === selectedId();
    // A carried entry's earlier outline is dashed so both years stay visible where they overlap.
    const dash = spec.dash ?? (earlier ? [4, 4] : undefined);
    const zoom = Math.log2(156543.03392804097 / resolution);
    const stroke = new Stroke({ color: selected ? style.parcels.selected.stroke : spec.stroke, width: selected ? 3.5 : spec.width, lineDash: dash });
    return new Style({
      fill: new Fill({ color: spec.fill }),
      stroke,
      // Entries without a stated area are placed as points.
      image: new Circle({ radius: 7, fill: new Fill({ color: spec.point }), stroke }),
      text: zoom >= style.parcels.label.minZoom ? new Text({
        text: `${feature.get('planYear')}-${feature.get('seq')} ${feature.get('name')}`,
        font: `${style.parcels.label.size}px ${style.font}`,
        fill: new Fill({ color: spec.stroke }),
        stroke: new Stroke({ color: '#fff', width: 3 }),
        offsetY: earlier ? -8 : 8,
      }) : undefined,
      zIndex: selected ? 100 : 10,
    });
  };
}

export function overlayLayers(style, selectedId) {
  const make = (earlier) => new VectorLayer({
    source: new VectorSource(),
    style: overlayStyle(style, selectedId, earlier),
    visible: false,
    properties: { name: earlier ? 'overlay-from' : 'overlay-to' },
  });
  return { from: make(true), to: make(false) };
}

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
  for (const [layer, year] of [[layers.from, fromYear], [layers.to, toYear]]) {
    const { features } = await loadParcels(null, { planYear: year, district });
    features.forEach((f) => f.set('diffClass', classes.get(f.getId()) ?? 'new'));
    layer.getSource().clear();
    layer.getSource().addFeatures(features);
  }
  const count = (c) => diff.entries.filter((e) => e.class === c).length;
  return {
    carried: count('carried'), new: count('new'), dropped: count('dropped'),
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
