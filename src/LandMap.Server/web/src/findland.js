// 找地: investors filter the parcels by land use (read from the name, with the reason in the panel) and by stated area,
// and get the matches as a list, largest first. The land-use classes come from the parcels themselves.
import { escape } from './html.js';

const INDUSTRIAL = ['industrial', 'logistics', 'industrial-park'];

export function landFinder({ use, minArea, maxArea, list, counter, clear }, features, onChange, onPick) {
  const classes = new Map();
  for (const f of features) {
    const code = f.get('landUse');
    const entry = classes.get(code) ?? { name: f.get('landUseName'), count: 0 };
    entry.count += 1;
    classes.set(code, entry);
  }
  const industrialCount = INDUSTRIAL.reduce((n, code) => n + (classes.get(code)?.count ?? 0), 0);
  use.innerHTML = `<option value="">全部用途</option>
    <option value="industrial-land">产业用地（工矿·物流仓储·产业园区）${industrialCount}</option>
    ${[...classes].sort((a, b) => b[1].count - a[1].count).map(([code, c]) => `<option value="${code}">${escape(c.name)} ${c.count}</option>`).join('')}`;

  const area = (input) => {
    const value = input.value.trim();
    return value === '' || !Number.isFinite(Number(value)) || Number(value) < 0 ? null : Number(value);
  };
  const filter = () => ({ use: use.value || null, minAreaMu: area(minArea), maxAreaMu: area(maxArea) });
  const active = () => Object.values(filter()).some((v) => v != null);
  for (const input of [use, minArea, maxArea]) input.addEventListener('change', () => onChange(filter()));
  clear.addEventListener('click', () => {
    use.value = '';
    minArea.value = '';
    maxArea.value = '';
    onChange(filter());
  });

  // The matching parcels, largest stated area first; nothing when no filter is set (the map shows all then).
  function render(shown) {
    clear.hidden = !active();
    if (!active()) { list.innerHTML = ''; counter.textContent = ''; return; }
    const rows = [...shown].sort((a, b) => (b.get('areaMu') ?? -1) - (a.get('areaMu') ?? -1));
    counter.textContent = `${rows.length} 块`;
    list.innerHTML = rows.map((f) => `
      <li data-id="${f.getId()}" title="${escape(f.get('landUseReason'))}">
        <span class="pname">${escape(f.get('name'))}</span>
        <span class="pmeta">${f.get('areaMu') != null ? `${f.get('areaMu').toLocaleString('zh-CN')} 亩` : '面积未注明'} · ${escape(f.get('landUseName'))} · ${f.get('planYear') ?? '—'} 年计划</span>
      </li>`).join('') || '<li class="muted">没有符合条件的地块</li>';
    list.querySelectorAll('li[data-id]').forEach((li) => li.addEventListener('click', () => onPick(Number(li.dataset.id))));
  }

  return { filter, render };
}
