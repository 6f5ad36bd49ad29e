// Legend (stages, statuses, plan-year outlines) and the key-project list filterable by stage.
import { escape } from './html.js';

export function renderLegend(container, style) {
  const p = style.parcels;
  const swatch = (color, label) => `<div class="legend-row"><span class="swatch" style="background:${color}"></span>${escape(label)}</div>`;
  const outline = (year, spec) => `<div class="legend-row"><span class="swatch outline" style="border-color:${spec.stroke};border-style:${spec.dash.length ? 'dashed' : 'solid'}"></span>${year} 年计划</div>`;
  container.innerHTML = `
    <div class="legend-title">项目阶段（填充）</div>
    ${Object.values(p.stages).map((s) => swatch(s.color, s.name)).join('')}
    ${Object.values(p.statuses).map((s) => swatch(s.color, s.name)).join('')}
    <div class="legend-title">计划年度（边框）</div>
    ${Object.entries(p.planYears).filter(([y]) => y !== 'default').map(([y, s]) => outline(y, s)).join('')}`;
}

export function fillStageFilter(select, style) {
  for (const [key, stage] of Object.entries(style.parcels.stages)) {
    select.insertAdjacentHTML('beforeend', `<option value="${key}">${escape(stage.name)}</option>`);
  }
}

export async function renderProjects(list, counter, style, { district, stage }, onPick) {
  const params = new URLSearchParams();
  if (district) params.set('district', district);
  if (stage) params.set('stage', stage);
  const response = await fetch(`/api/projects?${params}`);
  if (!response.ok) throw new Error(`/api/projects: ${response.status}`);
  const projects = await response.json();
  counter.textContent = `${projects.length} 个`;
  // A pick can reload the list (it changed the filters): the keyboard focus stays on the same project.
  const focused = list.contains(document.activeElement) ? document.activeElement.querySelector('.pname')?.textContent : null;
  list.innerHTML = projects.map((project) => {
    const color = project.stage ? style.parcels.stages[project.stage]?.color : '#bbb';
    const years = project.timeline.map((s) => s.year).filter((y) => y != null);
    const content = `<span class="dot" style="background:${color}"></span>
      <span class="pname">${escape(project.name)}</span>
      <span class="pmeta">${escape(project.stageName ?? '—')} · ${years.length ? Math.max(...years) : '—'}${project.parcelId ? ' · 有地块' : ''}</span>`;
    // A project on a parcel is a button (Tab, Enter, Space); one without a parcel is only text.
    return project.parcelId
      ? `<li data-parcel="${project.parcelId}" class="on-map"><button type="button" class="item" title="定位到地块">${content}</button></li>`
      : `<li data-parcel="" title="未匹配到地块"><div class="item">${content}</div></li>`;
  }).join('');
  list.querySelectorAll('li.on-map').forEach((item) => item.querySelector('button').addEventListener('click', () => onPick(Number(item.dataset.parcel))));
  if (focused) [...list.querySelectorAll('button')].find((b) => b.querySelector('.pname').textContent === focused)?.focus();
}
