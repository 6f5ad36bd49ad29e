// 视图内地块: the parcels the map draws in the view as a list of buttons, by name or by area, so a parcel can be picked
// without a pointer. Opened by its top-bar button or the L key; a row opens the parcel's panel and moves the focus there.
import { escape } from './html.js';

// A city-wide view can hold thousands of parcels: the list names the first LIMIT and says so.
export const LIMIT = 300;

const mu = (value) => (value == null ? '面积未注明' : `${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 亩`);
const byName = (a, b) => String(a.name ?? '').localeCompare(String(b.name ?? ''), 'zh-CN');
const byArea = (a, b) => (b.areaMu ?? -1) - (a.areaMu ?? -1) || byName(a, b);

// parcels(): the properties (with id) of the parcels drawn in the view; onPick(id) opens one.
export function viewParcelList({ button, parcels, onPick }) {
  const dialog = document.createElement('dialog');
  dialog.id = 'view-list';
  dialog.className = 'viewlist';
  dialog.setAttribute('aria-labelledby', 'view-list-heading');
  dialog.innerHTML = `
    <header>
      <h2 id="view-list-heading">视图内地块 <span class="count"></span></h2>
      <label class="muted">排序 <select class="viewlist-sort">
        <option value="name">按名称</option><option value="area">按面积（大到小）</option></select></label>
      <button type="button" class="close" aria-label="关闭">×</button>
    </header>
    <ul class="viewlist-items"></ul>`;
  document.body.append(dialog);
  const list = dialog.querySelector('ul');
  const sort = dialog.querySelector('select');
  const count = dialog.querySelector('.count');
  let shown = [];

  function render() {
    const rows = [...shown].sort(sort.value === 'area' ? byArea : byName).slice(0, LIMIT);
    count.textContent = shown.length > rows.length ? `前 ${rows.length} 块（共 ${shown.length} 块）` : `${rows.length} 块`;
    list.innerHTML = rows.map((p) => `
      <li data-id="${p.id}"><button type="button" class="item">
        <span class="pname">${escape(p.name ?? '（无名称）')}</span>
        <span class="pmeta">${mu(p.areaMu)} · ${p.planYear ?? '—'} 年计划${p.district ? ` · ${escape(p.district)}` : ''}</span>
      </button></li>`).join('') || '<li class="muted">视图内没有地块：缩小或移动地图后再打开</li>';
  }

  function open() {
    if (dialog.open) return;
    shown = parcels();
    render();
    dialog.showModal();
    (list.querySelector('button') ?? sort).focus();
  }

  button.addEventListener('click', open);
  dialog.querySelector('.close').addEventListener('click', () => dialog.close());
  sort.addEventListener('change', render);
  list.addEventListener('click', async (e) => {
    const li = e.target.closest('li[data-id]');
    if (!li || !e.target.closest('button')) return;
    dialog.close();
    await onPick(Number(li.dataset.id));
  });
  // L opens the list, unless the key is typed into a field or another dialog is open.
  document.addEventListener('keydown', (e) => {
    if (e.key.toLowerCase() !== 'l' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (e.target.closest?.('input, textarea, select, [contenteditable]') || document.querySelector('dialog[open]')) return;
    e.preventDefault();
    open();
  });

  return { open, dialog };
}
