// 找地: investors filter the parcels by land use (read from the name, with the reason in the panel) and by stated area,
// and get the matches as a list, largest first. The list is one page of GET /api/parcels (at most LIMIT parcels); the
// map shows the same parcels by filtering the parcel tiles by id.
import { escape } from './html.js';

export const LIMIT = 200;

// The land-use classes of the server's classifier (LandUseClassifier codes and names), in the order investors ask.
const CLASSES = [
  ['industrial', '工矿'], ['logistics', '物流仓储'], ['industrial-park', '产业园区'], ['commercial', '商业服务'],
  ['public-service', '公共服务'], ['infrastructure', '交通与公用设施'], ['residential', '居住'], ['green-space', '绿地与开敞空间'],
  ['land-reserve', '土地收储'], ['mixed-development', '综合开发'], ['unclassified', '未分类'],
];

export function landFinder({ use, minArea, maxArea, available, list, counter, clear, error }, onChange, onPick) {
  use.innerHTML = `<option value="">全部用途</option>
    <option value="industrial-land">产业用地（工矿·物流仓储·产业园区）</option>
    ${CLASSES.map(([code, name]) => `<option value="${code}">${escape(name)}</option>`).join('')}`;

  const area = (input) => {
    const value = input.value.trim();
    return value === '' || !Number.isFinite(Number(value)) || Number(value) < 0 ? null : Number(value);
  };
  // available: only land still to find (the server leaves out parcels whose project already operates).
  const filter = () => ({ use: use.value || null, minAreaMu: area(minArea), maxAreaMu: area(maxArea), available: available.checked ? true : null });
  const active = () => Object.values(filter()).some((v) => v != null);
  // The form says what is wrong before asking the server; the server's own refusal is shown the same way (showError).
  const showError = (text) => { error.textContent = text ?? ''; error.hidden = !text; };
  const invalid = () => {
    const { minAreaMu, maxAreaMu } = filter();
    if ([minArea, maxArea].some((input) => input.value.trim() !== '' && area(input) == null)) return '面积须为不小于 0 的数';
    return minAreaMu != null && maxAreaMu != null && minAreaMu > maxAreaMu ? `最小面积 ${minAreaMu} 亩大于最大面积 ${maxAreaMu} 亩` : null;
  };
  for (const input of [use, minArea, maxArea, available]) input.addEventListener('change', () => {
    const problem = invalid();
    showError(problem);
    [minArea, maxArea].forEach((i) => i.setAttribute('aria-invalid', problem ? 'true' : 'false'));
    if (!problem) onChange(filter());
  });
  clear.addEventListener('click', () => {
    use.value = '';
    minArea.value = '';
    maxArea.value = '';
    available.checked = false;
    showError(null);
    onChange(filter());
  });

  // The matching parcels, largest stated area first; nothing when no filter is set (the map shows all then).
  // `matched` counts every match, of which the list holds the first LIMIT.
  function render(shown, matched = shown.length) {
    clear.hidden = !active();
    if (!active()) { list.innerHTML = ''; counter.textContent = ''; return; }
    const rows = [...shown].sort((a, b) => (b.get('areaMu') ?? -1) - (a.get('areaMu') ?? -1));
    counter.textContent = matched > rows.length ? `前 ${rows.length} 块（共 ${matched} 块）` : `${rows.length} 块`;
    list.innerHTML = rows.map((f) => `
      <li data-id="${f.getId()}"><button type="button" class="item" title="${escape(f.get('landUseReason'))}">
        <span class="pname">${escape(f.get('name'))}</span>
        <span class="pmeta">${f.get('areaMu') != null ? `${f.get('areaMu').toLocaleString('zh-CN')} 亩` : '面积未注明'} · ${escape(f.get('landUseName'))} · ${f.get('planYear') ?? '—'} 年计划</span>
      </button></li>`).join('') || '<li class="muted">没有符合条件的地块</li>';
    list.querySelectorAll('li[data-id]').forEach((li) => li.querySelector('button').addEventListener('click', () => onPick(Number(li.dataset.id))));
  }

  // Clears the inputs without asking for a new list (the caller reloads).
  const reset = () => { use.value = ''; minArea.value = ''; maxArea.value = ''; available.checked = false; showError(null); };

  return { filter, active, render, reset, showError };
}
