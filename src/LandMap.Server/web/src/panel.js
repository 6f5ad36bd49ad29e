// The parcel panel: the full record of /api/parcels/{id}, with the reasons behind the confidence.
import { conflictSection } from './conflicts.js';
import { escape } from './html.js';
import { investorSection } from './investor.js';
import { sheetLink } from './printsheet.js';

const MU_M2 = 10000 / 15;
const STATUS = { located: '已定位', approximate: '近似定位', unresolved: '未定位' };


function area(mu) {
  if (mu == null) return '<span class="muted">未注明</span>';
  return `${mu.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 亩 <span class="muted">（${Math.round(mu * MU_M2).toLocaleString('zh-CN')} m²）</span>`;
}

function timeline(projects) {
  if (!projects.length) return '<p class="muted">报告中未见该项目的进度。</p>';
  return projects.map((project) => `
    <div class="project">
      <div class="project-name">${escape(project.name)}</div>
      <ol class="timeline">${project.timeline.map((step) => `
        <li class="${step.target ? 'target' : 'done'}" title="${escape(step.source.text)}">
          <span class="year">${step.year ?? '—'}</span>
          <span class="stage">${escape(step.stageName ?? '投资')}${step.target ? '（目标）' : ''}</span>
          <span class="muted">${escape(step.stageText ?? (step.investmentYi != null ? `投资 ${step.investmentYi} 亿元` : ''))}</span>
        </li>`).join('')}
      </ol>
    </div>`).join('');
}

const CLASS = { carried: '延续', new: '新增', dropped: '取消' };

function entry(ref, parcelId, currentId) {
  const text = `${ref.planYear} 年第 ${ref.seq} 项`;
  return parcelId != null && parcelId !== currentId
    ? `<a href="#" class="goto" data-id="${parcelId}" title="${escape(ref.name)}">${text}</a>` : `<b>${text}</b>`;
}

// The entry's path through the plan years, from the diff links (2021 年第 22 项 → 2023 年第 17 项). Each line carries
// its two plan years and seqs, for the reviewers' link controls (links.js) to fill its .link-actions.
function appearances(steps, id, district) {
  if (!steps.length) return '<p class="muted">只有一个计划年度的报告，无从比较。</p>';
  return `<ul class="appearances">${steps.map((s) => {
    const from = s.from ? entry(s.from, s.fromParcelId, id) : `<span class="muted">${s.fromYear} 年计划中未见</span>`;
    const to = s.to ? entry(s.to, s.toParcelId, id) : `<span class="muted">${s.toYear} 年计划中未见</span>`;
    const reasons = s.reasons.length ? `<div class="muted reasons">${s.reasons.map(escape).join('；')}</div>` : '';
    const confirmed = s.review ? `<span class="tag link-confirmed" title="${escape(s.review.comment ?? '')}">审核确认</span>` : '';
    return `<li class="link-${s.class}" data-class="${s.class}" data-district="${escape(district)}" data-from-year="${s.fromYear}"
      data-to-year="${s.toYear}" data-from-seq="${s.from?.seq ?? ''}" data-to-seq="${s.to?.seq ?? ''}" data-confirmed="${s.review ? 'true' : 'false'}">
      <span class="tag diff-${s.class}">${CLASS[s.class]}</span> ${from} → ${to}
      ${s.score != null ? `<span class="score">得分 ${s.score.toFixed(2)}</span>` : ''}${confirmed}${reasons}<div class="link-actions"></div></li>`;
  }).join('')}</ul>`;
}

function facts(list) {
  if (!list.length) return '';
  return `<h3>用地动态</h3><ul class="land-facts">${list.map((f) => `
    <li title="${escape(f.source.text)}"><b>${escape(f.subject)}</b> ${f.areaMu} 亩：${escape(f.status)}
      <div class="muted">${f.year ?? ''} 年工作报告 · ${escape(f.file)} 第 ${f.source.line} 行</div></li>`).join('')}</ul>`;
}

export function renderParcel(container, parcel, style, onGoto) {
  const p = parcel.properties;
  const stage = p.projectStage ? style.parcels.stages[p.projectStage] : null;
  const confidence = Math.round(p.confidence * 100);
  container.innerHTML = `
    <h2 class="parcel-name" data-id="${p.id}">${escape(p.name)}</h2>
    <div class="tags">
      <span class="tag">${p.planYear ?? '—'} 年计划 · 第 ${p.seq} 项</span>
      <span class="tag">${escape(p.district ?? '')}</span>
      <span class="tag status-${p.status}">${STATUS[p.status] ?? p.status}</span>
      ${stage ? `<span class="tag" style="background:${stage.color};color:#fff">${stage.name}</span>` : ''}
    </div>
    <dl class="facts">
      <dt>用途</dt><dd class="land-use">${escape(p.landUseName)} <span class="muted">（按名称判断：${escape(p.landUseReason)}）</span></dd>
      <dt>企业</dt><dd>${p.company ? escape(p.company) : '<span class="muted">名称中未写明</span>'}</dd>
      <dt>报告面积</dt><dd class="area-stated">${area(p.areaMu)}${p.areaText ? ` <span class="muted">“${escape(p.areaText)}”</span>` : ''}</dd>
      <dt>计算面积</dt><dd class="area-computed">${area(p.areaMuComputed)}</dd>
      <dt>位置</dt><dd>${escape(p.location ?? '—')}</dd>
      ${p.note ? `<dt>备注</dt><dd>${escape(p.note)}</dd>` : ''}
    </dl>
    ${conflictSection(p)}
    ${sheetLink(p)}
    ${investorSection(p)}
    <h3>报告原文 ${p.source ? `<span class="muted">${escape(p.file)} 第 ${p.source.line} 行</span>` : ''}</h3>
    <blockquote>${escape(p.source?.text ?? '—')}</blockquote>
    <h3>定位可信度 <span class="confidence"><span style="width:${confidence}%"></span></span> ${confidence}% <span class="muted">（${escape(p.method)}）</span></h3>
    <ul class="constraints">${p.constraints.map((c) => `
      <li class="${c.satisfied ? 'ok' : 'fail'}"><b>${c.satisfied ? '✓' : '✗'}</b> ${escape(c.description)}
        ${c.detail ? `<div class="muted">${escape(c.detail)}</div>` : ''}</li>`).join('') || '<li class="muted">无可检查的条件</li>'}
    </ul>
    ${p.warnings.length ? `<h3>提示</h3><ul class="warnings">${p.warnings.map((w) => `<li>⚠ ${escape(w)}</li>`).join('')}</ul>` : ''}
    ${facts(p.facts)}
    <h3>历年计划</h3>
    ${appearances(p.appearances, p.id, p.district ?? '')}
    <h3>项目进度</h3>
    ${timeline(p.projects)}`;
  container.querySelectorAll('a.goto').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); onGoto(Number(a.dataset.id)); }));
}

export async function fetchParcel(id) {
  const response = await fetch(`/api/parcels/${id}`);
  if (!response.ok) throw new Error(`/api/parcels/${id}: ${response.status}`);
  const parcel = await response.json();
  // The parcel's version, sent back as If-Match when a reviewer saves a new geometry.
  parcel.etag = response.headers.get('ETag');
  return parcel;
}
