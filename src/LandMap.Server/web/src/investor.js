// 投资信息 in the parcel panel of industrial land (工矿, 物流仓储, 产业园区): what an investor asks — area, land use,
// nearest main road and railway with distances (the server measures them in metres of the parcel's 3° GK zone from the outline), the park
// it lies in (未知 when no outline holds it: never a guess), its project stage, whether it is still land to find, and
// the 招商 contact when the server is configured with one (LandMap:Investor:Contact).
import { escape } from './html.js';

const INDUSTRIAL = new Set(['industrial', 'logistics', 'industrial-park']);

const mu = (value) => (value == null ? '<span class="muted">未注明</span>' : `${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 亩`);

function distance(near, radius) {
  if (!near) return `<span class="muted">${Math.round(radius / 1000)} 公里内没有</span>`;
  const metres = near.distanceM;
  const text = metres === 0 ? '紧邻（0 米）'
    : metres < 1000 ? `${metres.toLocaleString('zh-CN')} 米` : `${(metres / 1000).toFixed(1)} 公里（${metres.toLocaleString('zh-CN')} 米）`;
  // The gazetteer's lines are sketches: say how far off they may be.
  const precision = near.precisionM ? ` <span class="muted">线位误差约 ±${near.precisionM} 米</span>` : '';
  return `${escape(near.name)} · ${text}${precision}`;
}

export function investorSection(p) {
  const facts = p.investor;
  if (!facts || !INDUSTRIAL.has(p.landUse)) return '';
  const unplaced = p.status === 'unresolved';
  return `
    <section class="investor" data-available="${facts.available}">
      <h3>投资信息</h3>
      ${facts.available ? '' : `<div class="occupied">已投产，非可供用地 <span class="muted">（项目已${escape(p.projectStageText ?? '投产')}）</span></div>`}
      <dl class="facts">
        <dt>面积</dt><dd class="investor-area">报告 ${mu(p.areaMu)} · 计算 ${mu(p.areaMuComputed)}</dd>
        <dt>用途</dt><dd>${escape(p.landUseName)}</dd>
        <dt>最近干道</dt><dd class="investor-road">${unplaced ? '<span class="muted">地块未定位</span>' : distance(facts.nearestRoad, facts.searchRadiusM)}</dd>
        <dt>最近铁路</dt><dd class="investor-railway">${unplaced ? '<span class="muted">地块未定位</span>' : distance(facts.nearestRailway, facts.searchRadiusM)}</dd>
        <dt>所在园区</dt><dd class="investor-park">${facts.park ? escape(facts.park.name) : '未知 <span class="muted">（地名库和报告中没有包含此地块的园区范围）</span>'}</dd>
        <dt>项目阶段</dt><dd>${p.projectStageText ? escape(p.projectStageText) : '<span class="muted">报告中未见</span>'}</dd>
        <dt>可供用地</dt><dd class="investor-available">${facts.available ? '是' : '否（已投产）'}</dd>
        ${facts.contact ? `<dt>招商联系</dt><dd class="investor-contact">${escape(facts.contact)}</dd>` : ''}
      </dl>
      ${p.status === 'approximate' ? '<p class="muted">地块为近似定位，距离仅供参考。</p>' : ''}
    </section>`;
}
