// 审核队列: the reviewer's work list (GET /api/review/queue), lowest confidence or largest conflict first, by review status. A click opens
// the parcel; a rejected parcel is off the public map, so its row shows the reason and restores it as a candidate.
// Each row opens through a real button (Tab, Enter, Space).
import { escape } from './html.js';

const mu = (value) => (value == null ? '面积未注明' : `${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 亩`);

export function reviewQueue({ button, panel, status, sort, list, count, close }, auth, { onPick, onRestored }) {
  let latest = 0;
  async function load() {
    if (panel.hidden) return;
    // Only the newest request may fill the list: switching status quickly must not show the older answer.
    const request = ++latest;
    const response = await fetch(`/api/review/queue?status=${status.value}&sort=${sort?.value ?? 'confidence'}&limit=500`, { credentials: 'same-origin' });
    if (request !== latest) return;
    if (!response.ok) { list.innerHTML = `<li class="muted">无法读取审核队列（${response.status}）</li>`; return; }
    const queue = await response.json();
    if (request !== latest) return;
    count.textContent = `${queue.count} 块`;
    list.innerHTML = queue.items.map((item) => `
      <li data-id="${item.id}" data-version="${item.version}" class="${item.reviewStatus}">
        <button type="button" class="item" data-action="open"><span class="qname">${escape(item.name)}</span>
        <span class="muted">${item.planYear ?? '—'} 年第 ${item.seq} 项 · 可信度 ${Math.round(item.confidence * 100)}% · ${mu(item.areaMu)}${item.conflictMu > 0
          ? ` · <span class="queue-conflict">⚠ 冲突 ${item.conflictMu.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 亩</span>` : ''}</span></button>
        ${item.reviewStatus === 'rejected' ? `<div class="why">驳回理由：${escape(item.reason ?? '—')}</div>
          <button type="button" data-action="restore">恢复为候选</button>` : ''}
      </li>`).join('') || '<li class="muted">队列为空</li>';
  }

  async function restore(li) {
    const id = Number(li.dataset.id);
    const response = await auth.write(`/api/parcels/${id}/status`, 'POST', { status: 'candidate', comment: '从审核队列恢复' },
      { 'If-Match': `"${li.dataset.version}"` });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      li.insertAdjacentHTML('beforeend', `<div class="review-message error">恢复失败（${response.status}）：${escape(body.detail ?? body.title ?? '')}</div>`);
      return;
    }
    await load();
    await onRestored(id);
  }

  list.addEventListener('click', (e) => {
    const li = e.target.closest('li[data-id]');
    if (!li) return;
    // A rejected parcel opens too (its outline drawn by the review panel), so the reviewer can look before restoring it.
    if (e.target.closest('button[data-action=restore]')) restore(li);
    else onPick(Number(li.dataset.id));
  });
  button.addEventListener('click', async () => {
    panel.hidden = !panel.hidden;
    await load();
  });
  close.addEventListener('click', () => { panel.hidden = true; });
  status.addEventListener('change', load);
  sort?.addEventListener('change', load);

  // Reviewers only: called whenever the account changes.
  function update() {
    button.hidden = !auth.canEdit();
    if (button.hidden) panel.hidden = true;
  }

  return { update, load };
}
