// Identify: everything under a click, as one list of hits gathered from several sources — the parcels of the plan
// years the map shows, the key-project symbols, and (with the layers issue) each layer — shown at the top of the panel.
// A source is a function (map, pixel) → hits; a hit is
// { key, kind, name, parcelId, planYear?, areaMu?, computed?, note? }, where parcelId is what clicking it opens.
import { escape } from './html.js';
import { parcelsAtPixel } from './parcels.js';

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

// All hits of all sources, in the order of the sources; a hit with nothing to open is left out.
export const identify = (map, pixel, sources) => sources.flatMap((source) => source(map, pixel)).filter((h) => h.parcelId != null);

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
