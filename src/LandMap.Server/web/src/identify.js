// Identify: everything under a click, as one list of hits gathered from several sources — the parcels of the plan
// years the map shows, the key-project symbols, and (with the layers issue) each layer — shown at the top of the panel.
// A source is a function (map, pixel) → hits; a hit is
// { key, kind, name, parcelId, planYear?, areaMu?, computed?, note? }, where parcelId is what clicking it opens, or, for a
// feature of a bureau layer (layers.js), { key, kind, name, layer, rows } with rows [label, field, value] of its attributes.
import { escape } from './html.js';
import { parcelsAtPixel } from './parcels.js';
import { TILE_LAYER_PROPERTY } from './layers.js';

// Every parcel under the pointer in the layers `layerFilter` accepts, smallest first.
export function parcelHits(layerFilter) {
  return (map, pixel) => parcelsAtPixel(map, pixel, layerFilter).map(({ id, feature, name }) => ({
    key: `parcel-${id}`, kind: '地块', name, parcelId: id, planYear: feature.get('planYear'),
    // The stated area when the report gives one, else the outline's.
    areaMu: feature.get('areaMu') ?? feature.get('areaMuComputed'), computed: feature.get('areaMu') == null,
  }));
}

// The key-project symbols under the pointer, with the stage each shows for the chosen year.
export function projectHits(layer, style) {
  return (map, pixel) => map.getFeaturesAtPixel(pixel, { layerFilter: (l) => l === layer, hitTolerance: 2 }).map((f) => ({
    key: String(f.getId()), kind: '重点项目', name: f.get('name'), parcelId: f.get('parcelId'),
    note: f.get('stage') ? `${style.parcels.stages[f.get('stage')]?.name ?? ''}${f.get('target') ? '（目标）' : ''}` : '阶段未知',
  }));
}

// Every feature of every visible bureau layer under the pointer, layer by layer, with its attributes: each field under its
// Chinese label where the layer's kind knows it (the fields of /api/layers), the field's own name beside it.
export function layerHits(layers) {
  return (map, pixel) => layers.filter((l) => l.getVisible() && l.getOpacity() > 0).flatMap((layer) => {
    const info = layer.get('bureauLayer');
    const labels = new Map(info.fields.map((f) => [f.name, f.label]));
    return map.getFeaturesAtPixel(pixel, { layerFilter: (l) => l === layer, hitTolerance: 2 }).map((feature, i) => {
      const properties = feature.getProperties();
      const fields = [...info.fields.map((f) => f.name).filter((name) => name in properties),
        ...Object.keys(properties).filter((name) => name !== 'geometry' && name !== TILE_LAYER_PROPERTY && !labels.has(name))];
      const rows = fields.map((name) => [labels.get(name) ?? null, name, properties[name]]);
      // The title field in any letter case (PostGIS and GDAL exports write ydyhflmc).
      const byUpper = new Map(Object.entries(properties).map(([name, value]) => [name.toUpperCase(), value]));
      const title = ['DLMC', 'JBNTTBBH', 'ZDDM', 'HXMC', 'QLR', 'YDYHFLMC'].map((name) => byUpper.get(name)).find((v) => v != null);
      return { key: `layer-${info.name}-${i}`, kind: info.kindName, name: `${info.name}${title != null ? ` · ${title}` : ''}`, layer: info.name, rows };
    });
  });
}

// All hits of all sources, in the order of the sources; a hit with nothing to open or show is left out.
export const identify = (map, pixel, sources) => sources.flatMap((source) => source(map, pixel))
  .filter((h) => h.parcelId != null || h.layer != null);

// The features of the bureau layers under the pointer, each with its attribute table. Hidden when there are none.
export function renderLayerHits(container, hits) {
  const features = hits.filter((h) => h.layer != null);
  container.hidden = !features.length;
  container.innerHTML = features.length ? `<div class="identify-title">图层要素 ${features.length} 个</div>${features.map((hit) => `
    <details class="layer-hit" open>
      <summary><span class="identify-kind kind-layer">${escape(hit.kind)}</span> ${escape(hit.name)}</summary>
      <table class="layer-attributes">${hit.rows.map(([label, field, value]) => `
        <tr><th>${label ? `${escape(label)} <span class="muted">${escape(field)}</span>` : escape(field)}</th><td>${escape(value)}</td></tr>`).join('')}
      </table>
    </details>`).join('')}` : '';
}

const meta = (hit) => [
  hit.planYear ? `${hit.planYear} 年计划` : '',
  hit.areaMu != null ? `${hit.areaMu.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 亩${hit.computed ? '（计算）' : ''}` : '',
  hit.note ?? '',
].filter(Boolean).join(' · ');

// The list above the parcel panel: one button per hit, the one open (`current`, a hit key) marked. Hidden for one hit.
export function renderIdentify(container, hits, current, onOpen) {
  container.hidden = hits.length < 2;
  if (container.hidden) { container.innerHTML = ''; return; }
  container.innerHTML = `<div class="identify-title">此处共 ${hits.length} 项（点击查看）</div>
    <ul class="identify-list">${hits.map((hit) => `
      <li><button type="button" class="identify-item${hit.key === current ? ' current' : ''}" data-key="${escape(hit.key)}" data-id="${hit.parcelId}"
        ${hit.key === current ? 'aria-current="true"' : ''}>
        <span class="identify-kind kind-${hit.kind === '地块' ? 'parcel' : 'other'}">${escape(hit.kind)}</span>
        <span class="identify-name">${escape(hit.name)}</span>
        <span class="identify-meta">${escape(meta(hit))}</span>
      </button></li>`).join('')}
    </ul>`;
  container.querySelectorAll('.identify-item').forEach((button) => button.addEventListener('click', () =>
    onOpen(hits.find((h) => h.key === button.dataset.key))));
}
