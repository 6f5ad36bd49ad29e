// The parcel panel: the full record of /api/parcels/{id}, with the reasons behind the confidence.
const MU_M2 = 10000 / 15;
const STATUS = { located: '已定位', approximate: '近似定位', unresolved: '未定位' };

function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

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

export function renderParcel(container, parcel, style) {
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
      <dt>企业</dt><dd>${p.company ? escape(p.company) : '<span class="muted">名称中未写明</span>'}</dd>
      <dt>报告面积</dt><dd class="area-stated">${area(p.areaMu)}${p.areaText ? ` <span class="muted">“${escape(p.areaText)}”</span>` : ''}</dd>
      <dt>计算面积</dt><dd class="area-computed">${area(p.areaMuComputed)}</dd>
      <dt>位置</dt><dd>${escape(p.location ?? '—')}</dd>
      ${p.note ? `<dt>备注</dt><dd>${escape(p.note)}</dd>` : ''}
    </dl>
    <h3>报告原文 ${p.source ? `<span class="muted">${escape(p.file)} 第 ${p.source.line} 行</span>` : ''}</h3>
    <blockquote>${escape(p.source?.text ?? '—')}</blockquote>
    <h3>定位可信度 <span class="confidence"><span style="width:${confidence}%"></span></span> ${confidence}% <span class="muted">（${escape(p.method)}）</span></h3>
    <ul class="constraints">${p.constraints.map((c) => `
      <li class="${c.satisfied ? 'ok' : 'fail'}"><b>${c.satisfied ? '✓' : '✗'}</b> ${escape(c.description)}
        ${c.detail ? `<div class="muted">${escape(c.detail)}</div>` : ''}</li>`).join('') || '<li class="muted">无可检查的条件</li>'}
    </ul>
    ${p.warnings.length ? `<h3>提示</h3><ul class="warnings">${p.warnings.map((w) => `<li>⚠ ${escape(w)}</li>`).join('')}</ul>` : ''}
    <h3>项目进度</h3>
    ${timeline(p.projects)}`;
}

export async function fetchParcel(id) {
  const response = await fetch(`/api/parcels/${id}`);
  if (!response.ok) throw new Error(`/api/parcels/${id}: ${response.status}`);
  return response.json();
}
