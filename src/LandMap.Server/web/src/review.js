// Review: sign-in (cookie session + csrfToken) and, for reviewers, the editing part of the parcel panel: edit the
// boundary (Modify + Snap, or redraw with Draw) with the live area, save with If-Match, status, history and restore.
// Areas are planar in the CGCS2000 3° GK zone of the outline's centre (planes.js, via proj4), as the server computes them.
// The map draws parcels from tiles; the outline being edited is the parcel's geometry from GET /api/parcels/{id} in a
// layer of its own (the tile layer hides that parcel meanwhile), snapping to its neighbours' outlines from a bbox query.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Modify, Snap, Draw } from 'ol/interaction.js';
import { Fill, Stroke, Style, Circle } from 'ol/style.js';
import { buffer, getCenter } from 'ol/extent.js';
import { transformExtent, toLonLat } from 'ol/proj.js';
import { zoneOf } from './planes.js';
import { escape } from './html.js';

const MU_M2 = 10000 / 15;
const ROLE = { reviewer: '审核员', admin: '管理员', viewer: '访客' };
const HINT = 'landmap.user';
// The status change a reviewer's note was written with (review_comments.kind).
const NOTE_KIND = { 'status:reviewed': '确认', 'status:rejected': '驳回', 'status:candidate': '恢复为候选', 'status:surveyed': '勘测' };
const format = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

const mu = (value) => (value == null ? '—' : value.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
const when = (text) => (text ? new Date(text).toLocaleString('zh-CN', { hour12: false }) : '—');

export function areaMu(geometry) {
  if (!geometry || !geometry.getArea) return null;
  const [lon] = toLonLat(getCenter(geometry.getExtent()));
  return geometry.clone().transform('EPSG:3857', zoneOf(lon).code).getArea() / MU_M2;
}

// The signed-in account. The session cookie is HttpOnly, so a hint in localStorage says whether to ask /api/auth/me
// (anonymous visitors then never see a 401 in the console).
export function account({ loginButton, logoutButton, name, dialog, form, error }, onChange) {
  const auth = { user: null, role: null, csrf: null, canEdit: () => auth.role === 'reviewer' || auth.role === 'admin' };
  // Every write of the page: JSON with the session's antiforgery token (the cookie alone is not enough).
  auth.write = (url, method, body, headers = {}) => fetch(url, {
    method, credentials: 'same-origin', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': auth.csrf ?? '', ...headers },
  });
  const show = () => {
    loginButton.hidden = !!auth.user;
    logoutButton.hidden = !auth.user;
    name.hidden = !auth.user;
    name.textContent = auth.user ? `${ROLE[auth.role] ?? auth.role}：${auth.user}` : '';
  };
  const set = async (session) => {
    Object.assign(auth, session ? { user: session.user, role: session.role, csrf: session.csrfToken } : { user: null, role: null, csrf: null });
    if (session) localStorage.setItem(HINT, session.user); else localStorage.removeItem(HINT);
    show();
    await onChange(auth);
  };
  auth.restore = async () => {
    if (!localStorage.getItem(HINT)) { show(); return; }
    const response = await fetch('/api/auth/me', { credentials: 'same-origin' });
    await set(response.ok ? await response.json() : null);
  };
  loginButton.addEventListener('click', () => { error.textContent = ''; dialog.showModal(); });
  form.querySelector('#login-cancel').addEventListener('click', () => { form.reset(); dialog.close(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const response = await fetch('/api/auth/login', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: data.get('user'), password: data.get('password') }),
    });
    if (!response.ok) {
      error.textContent = response.status === 429 ? '尝试过于频繁，请稍后再试' : '用户名或密码不正确';
      return;
    }
    form.reset();
    dialog.close();
    await set(await response.json());
  });
  logoutButton.addEventListener('click', async () => {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': auth.csrf ?? '' } });
    await set(null);
  });
  return auth;
}

const editStyle = [
  new Style({ fill: new Fill({ color: 'rgba(255,200,0,0.25)' }), stroke: new Stroke({ color: '#d35400', width: 2.5 }) }),
];
// A rejected parcel is off the public tiles: the panel draws its outline itself, dashed, while it is open.
const rejectedStyle = new Style({ fill: new Fill({ color: 'rgba(120,120,120,0.15)' }), stroke: new Stroke({ color: '#7f8c8d', width: 2, lineDash: [6, 4] }) });
const vertexStyle = new Style({ image: new Circle({ radius: 5, fill: new Fill({ color: '#fff' }), stroke: new Stroke({ color: '#d35400', width: 2 }) }) });

// Neighbours to snap to: the parcels around the outline, one page of GET /api/parcels?bbox= (WGS 84).
async function neighbours(geometry, id) {
  const [minLon, minLat, maxLon, maxLat] = transformExtent(buffer(geometry.getExtent(), 300), 'EPSG:3857', 'EPSG:4326');
  const response = await fetch(`/api/parcels?${new URLSearchParams({ bbox: [minLon, minLat, maxLon, maxLat].map((v) => v.toFixed(6)).join(','), limit: 200 })}`);
  if (!response.ok) return [];
  return format.readFeatures(await response.json()).filter((f) => f.getId() !== id && f.getGeometry());
}

// The review section under the parcel panel. onChanged(id) reloads the parcels and the panel after a write;
// onRejected(parcel) after a rejection, which takes the parcel off the public list and detail; onEditing(id or null)
// when an outline starts or stops being edited, so the map can hide the parcel's tile outline meanwhile.
export function reviewPanel({ container, map, auth, onChanged, onRejected, onEditing }) {
  const layer = new VectorLayer({ source: new VectorSource(), style: editStyle, zIndex: 200, properties: { name: 'edit' } });
  const others = new VectorSource();
  map.addLayer(layer);
  // undo: the outlines before each vertex change (newest last); dirty: the outline differs from the one saved.
  const state = { parcel: null, etag: null, feature: null, interactions: [], notice: null, fixed: null, undo: [], dirty: false };

  // One write at a time: the panel is inert from the request until it has been reloaded.
  const busy = (work) => async (...args) => {
    if (state.busy) return;
    state.busy = true;
    container.inert = true;
    try { await work(...args); } finally { state.busy = false; container.inert = false; }
  };
  const { write } = auth;
  const $ = (selector) => container.querySelector(selector);
  const message = (html, kind = 'info') => { const m = $('.review-message'); if (m) { m.className = `review-message ${kind}`; m.innerHTML = html; m.hidden = !html; } };

  function stopEditing() {
    clearTimeout(checkTimer);
    const list = $('.live-checks');
    if (list) list.innerHTML = '';
    state.interactions.forEach((i) => map.removeInteraction(i));
    state.interactions = [];
    layer.getSource().clear();
    others.clear();
    state.feature = null;
    state.fixed = null;
    state.undo = [];
    state.dirty = false;
    updateUndo();
    onEditing(null);
  }

  function updateUndo() {
    const button = $('.review-undo');
    if (button) button.disabled = state.undo.length === 0;
  }

  // Puts back the outline as it was before the last vertex change.
  function undo() {
    const previous = state.undo.pop();
    if (!previous || !state.feature) return;
    state.feature.getGeometry().setCoordinates(previous.getCoordinates());
    state.dirty = state.undo.length > 0 || state.drawn;
    updateUndo();
  }

  // The edited outline against the entry's location (POST …/check, nothing saved), a moment after each change.
  let checkTimer = null;
  let checkRequest = 0;
  function scheduleCheck() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(async () => {
      const list = $('.live-checks');
      if (!state.feature || !list) return;
      const request = ++checkRequest;
      const response = await write(`/api/parcels/${state.parcel.properties.id}/check`, 'POST',
        { geometry: format.writeGeometryObject(state.feature.getGeometry(), { decimals: 9 }) });
      if (request !== checkRequest || !state.feature) return;
      const body = await response.json().catch(() => ({}));
      list.innerHTML = response.ok
        ? body.constraints.map((c) => `<li class="${c.satisfied ? 'ok' : 'fail'}"><b>${c.satisfied ? '✓' : '✗'}</b> ${escape(c.description)}
            ${c.detail ? `<div class="muted">${escape(c.detail)}</div>` : ''}</li>`).join('') || '<li class="muted">无可检查的条件</li>'
        : `<li class="fail">${escape(body.detail ?? body.title ?? response.status)}</li>`;
    }, 400);
  }

  function updateArea() {
    const el = $('.area-live');
    if (!el) return;
    const current = state.feature ? areaMu(state.feature.getGeometry()) : state.parcel.properties.areaMuComputed;
    el.textContent = `当前面积 ${mu(current)} 亩 / 所述 ${mu(state.parcel.properties.areaMu)} 亩`;
    el.dataset.mu = current ?? '';
  }

  // drawn: the outline is new (重画), so it is unsaved from the start.
  function startEditing(geometry, { drawn = false } = {}) {
    stopEditing();
    state.feature = new Feature(geometry.clone());
    state.drawn = drawn;
    state.dirty = drawn;
    layer.getSource().addFeature(state.feature);
    const modify = new Modify({ source: layer.getSource(), style: vertexStyle });
    modify.on('modifystart', () => {
      state.undo.push(state.feature.getGeometry().clone());
      state.dirty = true;
      updateUndo();
    });
    const snapOwn = new Snap({ source: layer.getSource() });
    const snapOthers = new Snap({ source: others });
    state.interactions = [modify, snapOwn, snapOthers];
    state.interactions.forEach((i) => map.addInteraction(i));
    onEditing(state.parcel.properties.id);
    const feature = state.feature;
    neighbours(geometry, state.parcel.properties.id).then((found) => { if (state.feature === feature) others.addFeatures(found); });
    state.feature.getGeometry().on('change', () => { updateArea(); scheduleCheck(); });
    container.classList.add('editing');
    updateArea();
    scheduleCheck();
  }

  function redraw() {
    stopEditing();
    const draw = new Draw({ source: layer.getSource(), type: 'Polygon' });
    draw.on('drawstart', () => { state.dirty = true; });
    draw.on('drawend', (e) => { map.removeInteraction(draw); setTimeout(() => startEditing(e.feature.getGeometry(), { drawn: true }), 0); });
    state.interactions = [draw];
    map.addInteraction(draw);
    onEditing(state.parcel.properties.id);
    container.classList.add('editing');
    message('在地图上点击绘制新边界，双击结束。');
  }

  const save = busy(async (geometry, comment) => {
    const response = await write(`/api/parcels/${state.parcel.properties.id}/geometry`, 'PUT',
      { geometry: format.writeGeometryObject(geometry, { decimals: 9 }), comment }, { 'If-Match': state.etag });
    const body = await response.json().catch(() => ({}));
    const id = state.parcel.properties.id;
    if (response.ok) {
      state.notice = { html: `已保存版本 ${body.version}，面积 ${mu(body.areaMu)} 亩`, kind: 'ok' };
      stopEditing();
      await onChanged(id);
    } else if (response.status === 412 && body.current) {
      const c = body.current;
      state.notice = { html: `已被他人修改：${escape(c.madeBy)}，${when(c.madeAt)}，面积 ${mu(c.areaMu)} 亩（版本 ${c.version}）。已重新载入，请在最新边界上重做修改。`, kind: 'error' };
      stopEditing();
      await onChanged(id);
    } else if (response.status === 400 && body.fixedGeometry) {
      state.fixed = format.readGeometry(body.fixedGeometry);
      message(`边界无效：${escape(body.detail ?? body.title ?? '')} <button type="button" class="use-fixed">使用修复后的边界</button>`, 'error');
      $('.use-fixed').addEventListener('click', () => { const fixed = state.fixed; startEditing(fixed, { drawn: true }); message('已换成修复后的边界，检查后保存。'); });
    } else {
      message(`保存失败（${response.status}）：${escape(body.detail ?? body.title ?? '')}`, 'error');
    }
  });

  const setStatus = busy(async (status) => {
    const reason = $('.review-reason').value.trim();
    if (status === 'rejected' && !reason) { message('驳回需要填写理由。', 'error'); $('.review-reason').focus(); return; }
    const response = await write(`/api/parcels/${state.parcel.properties.id}/status`, 'POST',
      { status, comment: $('.review-comment').value.trim() || null, reason: status === 'rejected' ? reason : null });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) { message(`操作失败（${response.status}）：${escape(body.detail ?? body.title ?? '')}`, 'error'); return; }
    if (status === 'rejected') { await onRejected(state.parcel); return; }
    state.notice = { html: '已确认', kind: 'ok' };
    await onChanged(state.parcel.properties.id);
  });

  async function loadHistory() {
    const id = state.parcel.properties.id;
    const response = await fetch(`/api/parcels/${id}/history`, { credentials: 'same-origin' });
    if (!response.ok || state.parcel?.properties.id !== id) return;
    const history = await response.json();
    $('.review-status').textContent = { candidate: '候选', reviewed: '已审核', surveyed: '已勘测', rejected: '已驳回' }[history.status] ?? history.status;
    const list = $('.history');
    // Versions and reviewers' status notes (确认、驳回 … with their text) in one timeline, newest first; an edit's note is
    // already its version's reason.
    const versions = history.versions.map((v) => ({ at: v.madeAt, html: `
      <li data-version="${v.versionNo}" data-mu="${v.areaMu ?? ''}" class="${v.current ? 'current' : ''}">
        <b>版本 ${v.versionNo}</b>${v.current ? ' <span class="tag">当前</span>' : ''} <span class="area">${mu(v.areaMu)} 亩</span>
        ${v.current || !v.geometry ? '' : '<button type="button" class="restore">恢复</button>'}
        <div class="muted">${escape(v.madeBy)} · ${when(v.madeAt)} · ${escape(v.method)}</div>
        ${v.reason ? `<div class="why">${escape(v.reason)}</div>` : ''}
      </li>` }));
    const notes = (history.comments ?? []).filter((c) => c.kind.startsWith('status:')).map((c) => ({ at: c.createdAt, html: `
      <li class="note" data-kind="${escape(c.kind)}">
        <b>${escape(NOTE_KIND[c.kind] ?? c.kind.slice('status:'.length))}</b> <span class="why">${escape(c.body)}</span>
        <div class="muted">${escape(c.author)} · ${when(c.createdAt)}</div>
      </li>` }));
    list.innerHTML = [...versions, ...notes].sort((a, b) => new Date(b.at) - new Date(a.at)).map((x) => x.html).join('');
    list.querySelectorAll('button.restore').forEach((button) => button.addEventListener('click', () => {
      const version = history.versions.find((v) => v.versionNo === Number(button.closest('li').dataset.version));
      save(format.readGeometry(version.geometry), `恢复版本 ${version.versionNo}`);
    }));
  }

  // `geometry` is the parcel's outline (EPSG:3857) from its detail, or null when it has none.
  function show(parcel, etag, geometry) {
    stopEditing();
    container.classList.remove('editing');
    const same = state.parcel?.properties.id === parcel?.properties.id;
    state.parcel = parcel;
    state.etag = etag;
    const notice = same ? state.notice : null;
    state.notice = null;
    if (!parcel || !auth.canEdit()) { container.innerHTML = ''; container.hidden = true; return; }
    if (parcel.properties.reviewStatus === 'rejected' && geometry) {
      const outline = new Feature(geometry.clone());
      outline.setStyle(rejectedStyle);
      layer.getSource().addFeature(outline);
    }
    const editable = geometry && /Polygon/.test(geometry.getType());
    container.hidden = false;
    container.innerHTML = `
      <h3>审核 <span class="tag review-status"></span></h3>
      <div class="review-message" hidden></div>
      <div class="area-live muted"></div>
      <ul class="constraints live-checks" aria-label="边界与报告所述位置的核对"></ul>
      <div class="review-actions edit-off">
        ${editable ? '<button type="button" class="review-edit">编辑边界</button>' : ''}
        <button type="button" class="review-draw">${editable ? '重画' : '画出边界'}</button>
      </div>
      <div class="review-actions edit-on">
        <button type="button" class="review-save primary">保存</button>
        <button type="button" class="review-undo" title="撤销上一次顶点修改（Ctrl+Z）" disabled>撤销</button>
        <button type="button" class="review-cancel">取消</button>
      </div>
      <textarea class="review-comment" rows="2" placeholder="说明（保存、确认时记入历史）"></textarea>
      <div class="review-actions">
        <button type="button" class="review-confirm">确认</button>
        <input class="review-reason" placeholder="驳回理由">
        <button type="button" class="review-reject">驳回</button>
      </div>
      <h3>历史版本</h3>
      <ol class="history"></ol>`;
    if (notice) message(notice.html, notice.kind);
    $('.review-edit')?.addEventListener('click', () => { message(''); startEditing(geometry); });
    $('.review-draw').addEventListener('click', redraw);
    $('.review-undo').addEventListener('click', undo);
    $('.review-cancel').addEventListener('click', () => {
      if (!mayLeave()) return;
      stopEditing();
      container.classList.remove('editing');
      message('');
    });
    $('.review-save').addEventListener('click', () => {
      if (!state.feature) { message('还没有新的边界。', 'error'); return; }
      save(state.feature.getGeometry(), $('.review-comment').value.trim() || null);
    });
    $('.review-confirm').addEventListener('click', () => setStatus('reviewed'));
    $('.review-reject').addEventListener('click', () => setStatus('rejected'));
    updateArea();
    return loadHistory();
  }

  // Test hook: moves vertex `index` of the first ring of the geometry being edited by (dx, dy) metres (EPSG:3857).
  const moveVertex = (index, dx, dy) => {
    const geometry = state.feature.getGeometry();
    state.undo.push(geometry.clone());
    state.dirty = true;
    updateUndo();
    const coordinates = geometry.getCoordinates();
    const ring = geometry.getType() === 'MultiPolygon' ? coordinates[0][0] : coordinates[0];
    ring[index] = [ring[index][0] + dx, ring[index][1] + dy];
    if (index === 0) ring[ring.length - 1] = [...ring[0]];
    geometry.setCoordinates(coordinates);
  };

  // True when nothing unsaved would be lost, or the reviewer agrees to lose it.
  function mayLeave() {
    return !state.dirty || window.confirm('边界修改尚未保存，确定放弃吗？');
  }
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'z' && state.feature && !e.target.matches('input, textarea')) { e.preventDefault(); undo(); }
  });
  window.addEventListener('beforeunload', (e) => { if (state.dirty) e.preventDefault(); });

  // active: drawing or editing, when clicks on the map belong to the tool.
  return { show, stopEditing, layer, moveVertex, mayLeave, undo, get editing() { return state.feature; },
    get active() { return state.interactions.length > 0; }, get dirty() { return state.dirty; } };
}
