// Search results under the search box: the first page of GET /api/parcels?q= (at most LIMIT), with how many matched.
import { escape } from './html.js';

export const LIMIT = 20;

export function searchResults(list, onPick) {
  const hide = () => { list.hidden = true; };
  function show(q, features, matched) {
    if (features.length < 2) { hide(); return; }
    const more = matched > features.length ? `，显示前 ${features.length} 条` : '';
    list.innerHTML = `<li class="muted">“${escape(q)}”共 ${matched} 条${more} <button type="button" class="close" aria-label="关闭">×</button></li>
      ${features.map((f) => `<li data-id="${f.getId()}"><button type="button" class="item"><span class="pname">${escape(f.get('name'))}</span>
        <span class="pmeta">${f.get('planYear') ?? '—'} 年第 ${f.get('seq')} 项 · ${escape(f.get('district') ?? '')}</span></button></li>`).join('')}`;
    list.hidden = false;
  }
  list.addEventListener('click', (e) => {
    if (e.target.closest('button.close')) { hide(); return; }
    const li = e.target.closest('li[data-id]');
    if (li && e.target.closest('button')) onPick(Number(li.dataset.id));
  });
  return { show, hide };
}
