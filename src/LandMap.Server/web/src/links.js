// Reviewers' link controls in the parcel panel's 历年计划 section: confirm or break a link the linker made, link an
// entry it left new or dropped to one of the other year's unlinked entries, and undo either (POST /api/plans/links).
import { escape } from './html.js';

const VERB = { confirm: '已确认关联', break: '已断开关联', reset: '已撤销决定' };

export function linkControls({ auth, onChanged }) {
  const state = { notice: null, busy: false };

  const diffOf = async (li) => {
    const { fromYear, toYear, district } = li.dataset;
    const response = await fetch(`/api/plans/diff?from=${fromYear}&to=${toYear}&district=${encodeURIComponent(district)}`);
    return response.ok ? response.json() : null;
  };

  async function decide(container, parcelId, li, fromSeq, toSeq, decision) {
    if (state.busy) return;
    state.busy = true;
    container.inert = true;
    try {
      const { fromYear, toYear, district } = li.dataset;
      const comment = container.querySelector('.link-comment')?.value.trim() || null;
      const response = await auth.write('/api/plans/links', 'POST',
        { district, from: { planYear: Number(fromYear), seq: fromSeq }, to: { planYear: Number(toYear), seq: toSeq }, decision, comment });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        message(container, `操作失败（${response.status}）：${escape(body.detail ?? body.title ?? '')}`, 'error');
        return;
      }
      state.notice = { id: parcelId, html: `${VERB[decision]}：${fromYear} 年第 ${fromSeq} 项 → ${toYear} 年第 ${toSeq} 项`, kind: 'ok' };
      await onChanged(parcelId);
    } finally {
      state.busy = false;
      container.inert = false;
    }
  }

  function message(container, html, kind) {
    const box = container.querySelector('.link-message');
    if (!box) return;
    box.className = `link-message review-message ${kind}`;
    box.innerHTML = html;
    box.hidden = !html;
  }

  const button = (label, action, extra = '') => `<button type="button" data-action="${action}" ${extra}>${label}</button>`;

  // The other year's unlinked entries this one could be linked to, and the links reviewers broke for it.
  function fillUnlinked(li, diff, side) {
    const seq = Number(li.dataset[side === 'to' ? 'toSeq' : 'fromSeq']);
    const other = side === 'to' ? 'from' : 'to';
    const broken = diff.brokenLinks.filter((b) => b[side].seq === seq);
    const candidates = diff.entries.filter((e) => e.class === (side === 'to' ? 'dropped' : 'new')).map((e) => e[other]);
    const otherYear = li.dataset[other === 'from' ? 'fromYear' : 'toYear'];
    li.querySelector('.link-actions').innerHTML = `
      ${broken.map((b) => `<div class="link-broken" data-from-seq="${b.from.seq}" data-to-seq="${b.to.seq}">
        已断开：${otherYear} 年第 ${b[other].seq} 项 ${escape(b[other].name)} <span class="muted">（${escape(b.decidedBy)}）</span>
        ${button('撤销断开', 'reset')}</div>`).join('')}
      ${candidates.length ? `<div class="link-manual"><select class="link-partner" aria-label="关联到">
        <option value="" selected>选择要关联的 ${otherYear} 年条目…</option>
        ${candidates.map((c) => `<option value="${c.seq}">${otherYear} 年第 ${c.seq} 项 ${escape(c.name)}</option>`).join('')}
      </select>${button('关联', 'link', 'disabled')}</div>` : ''}`;
    // Nothing is preselected (one click must not link a wrong pair): 关联 waits for a choice.
    const partner = li.querySelector('.link-partner');
    partner?.addEventListener('change', () => { li.querySelector('button[data-action=link]').disabled = !partner.value; });
  }

  async function enhance(container, parcel) {
    const notice = state.notice?.id === parcel?.properties.id ? state.notice : null;
    state.notice = null;
    const list = container.querySelector('.appearances');
    if (!list || !auth.canEdit()) return;
    list.insertAdjacentHTML('beforebegin', `<div class="link-message" hidden></div>
      <input class="link-comment" placeholder="关联说明（确认、断开时记入审核日志）">`);
    const id = parcel.properties.id;
    for (const li of list.querySelectorAll('li')) {
      const actions = li.querySelector('.link-actions');
      const { class: kind, confirmed } = li.dataset;
      if (kind === 'carried') {
        actions.innerHTML = confirmed === 'true' ? button('撤销确认', 'reset') : button('确认关联', 'confirm') + button('断开关联', 'break');
      } else {
        const diff = await diffOf(li);
        if (diff) fillUnlinked(li, diff, kind === 'new' ? 'to' : 'from');
      }
      actions.addEventListener('click', (e) => {
        const action = e.target.closest('button')?.dataset.action;
        if (!action) return;
        const pair = e.target.closest('.link-broken')?.dataset ?? li.dataset;
        let fromSeq = Number(pair.fromSeq);
        let toSeq = Number(pair.toSeq);
        if (action === 'link') {
          const chosen = actions.querySelector('.link-partner').value;
          if (!chosen) return;
          if (kind === 'new') fromSeq = Number(chosen); else toSeq = Number(chosen);
        }
        decide(container, id, li, fromSeq, toSeq, action === 'link' ? 'confirm' : action);
      });
    }
    // Last, so that the notice means the section is complete.
    if (notice) message(container, notice.html, notice.kind);
  }

  return { enhance };
}
