// 冲突: the parcel's conflicts with the bureau's layers as the store keeps them per geometry version (GET /api/parcels/{id}
// → conflicts): 占用永久基本农田 3.2 亩（4.6%）, 超出城镇开发边界 1.1 亩, the 三调 composition with 占用耕地 on its own line.
import { escape } from './html.js';

const KIND = {
  farmland: '永久基本农田', 'eco-redline': '生态保护红线', 'urban-boundary': '城镇开发边界', 'land-survey': '三调地类', cadastre: '宗地',
};

const mu = (value) => value.toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 2 });
const pct = (share) => `${(share * 100).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;

function features(c) {
  if (!c.featureCount) return '';
  const more = c.featureCount > c.features.length ? ` 等 ${c.featureCount} 个` : '';
  return `<div class="muted">图斑/编号：${c.features.slice(0, 8).map(escape).join('、')}${c.features.length > 8 ? ' …' : ''}${more}</div>`;
}

function composition(c) {
  const rows = (c.composition ?? []).map((part) => `
    <tr><td>${escape(part.class)}${part.group !== part.class ? ` · ${escape(part.group)}` : ''}</td><td>${mu(part.areaMu)} 亩</td><td>${pct(part.share)}</td></tr>`);
  return `<table class="composition"><thead><tr><th>三调地类</th><th>面积</th><th>占比</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function line(c) {
  const layer = `<span class="muted">（${escape(c.layer)}）</span>`;
  if (c.kind === 'land-survey') {
    const cultivated = c.cultivatedMu > 0
      ? `<b class="conflict-figure">占用耕地 ${mu(c.cultivatedMu)} 亩</b>` : '<span>不占用耕地</span>';
    return `<li class="conflict-survey ${c.cultivatedMu > 0 ? 'warn' : 'ok'}">${cultivated} ${layer}${composition(c)}${features(c)}</li>`;
  }
  return `<li class="conflict-${escape(c.kind)} warn"><b class="conflict-figure">${escape(c.text ?? `${KIND[c.kind] ?? c.kind} ${mu(c.areaMu)} 亩`)}</b> ${layer}${features(c)}
    ${c.problems ? `<div class="muted">${c.problems} 个图斑无法叠加计算</div>` : ''}</li>`;
}

/** The 冲突 section of the parcel panel; empty text when the parcel has no outline to check. */
export function conflictSection(p) {
  if (!p.areaMuComputed) return '';
  const list = p.conflicts ?? [];
  const serious = list.filter((c) => c.conflictMu > 0);
  const body = list.length
    ? `<ul class="conflicts">${list.map(line).join('')}</ul>`
    : '<p class="muted">与已导入的永久基本农田、生态保护红线、城镇开发边界、三调、宗地图层均无冲突。</p>';
  return `<section class="conflict-section"><h3>冲突 ${serious.length ? `<span class="tag conflict-tag">⚠ ${serious.length} 项</span>` : ''}</h3>${body}</section>`;
}
