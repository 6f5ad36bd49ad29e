// Share links: the view is kept in the page's URL, so copying the address (or 分享) gives a link that opens the same map.
//   #map=15.50/33.74512/113.37021&year=2023&district=卫东区&parcel=410403202300001
// map = zoom/latitude/longitude (WGS84, the order OpenStreetMap's links use); year = the plan year shown, or
// "compare" for 两年对比 (absent: 全部); district; parcel = the open parcel's public id. Other modules may add keys
// (the layers work: layers=…); unknown keys are kept out of the way, not an error. The URL follows the view (debounced,
// history.replaceState, so Back does not step through every pan); opening a link, or changing its hash, restores it.
import { fromLonLat, toLonLat } from 'ol/proj.js';

// The hash's fields: { view: { zoom, center } | null, year, district, parcel, …other keys } (strings, parcel a number).
export function readHash(hash) {
  const fields = {};
  for (const part of hash.replace(/^#/, '').split('&')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    try {
      fields[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1));
    } catch {
      // A hand-edited link with a broken %-escape: that field is ignored.
    }
  }
  const [zoom, lat, lon] = (fields.map ?? '').split('/').map(Number);
  const valid = [zoom, lat, lon].every(Number.isFinite) && Math.abs(lat) <= 85 && Math.abs(lon) <= 180;
  delete fields.map;
  const parcel = Number(fields.parcel);
  return { ...fields, view: valid ? { zoom, center: fromLonLat([lon, lat]) } : null,
    parcel: Number.isSafeInteger(parcel) && parcel > 0 ? parcel : null };
}

export function writeHash(view, fields) {
  const [lon, lat] = toLonLat(view.getCenter());
  const parts = [`map=${view.getZoom().toFixed(2)}/${lat.toFixed(5)}/${lon.toFixed(5)}`];
  for (const [key, value] of Object.entries(fields)) {
    if (value != null && value !== '') parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  return `#${parts.join('&')}`;
}

// `fields()` is what the map shows now ({ year, district, parcel, … }); `onHash(shared)` restores a hash the user
// changed in the address bar. The 分享 button shows the link in a box, selected, and copies it where the browser lets.
export function shareLink(map, fields, { button, box, input, status }, onHash) {
  // Sets the view a hash names; returns its fields.
  const apply = (shared) => {
    if (shared.view) map.getView().setCenter(shared.view.center);
    if (shared.view) map.getView().setZoom(shared.view.zoom);
    return shared;
  };
  // The link the page was opened with is read now, before the map's first moveend could write over it; the URL
  // follows the view only once the page has restored that link (opened()).
  const opening = apply(readHash(location.hash));
  let following = false;
  let timer = null;
  const write = () => {
    clearTimeout(timer);
    timer = null;
    const hash = writeHash(map.getView(), fields());
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
  };
  const changed = () => {
    if (!following) return;
    clearTimeout(timer);
    timer = setTimeout(write, 300);
  };
  map.on('moveend', changed);
  window.addEventListener('hashchange', () => onHash(apply(readHash(location.hash))));

  button.addEventListener('click', async () => {
    if (!box.hidden) { box.hidden = true; return; }
    write();
    input.value = location.href;
    box.hidden = false;
    input.focus();
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = '链接已复制';
    } catch {
      // No clipboard (an insecure origin, a headless browser, a refused permission): the link is selected to copy.
      status.textContent = '按 Ctrl+C 复制链接';
    }
  });
  box.addEventListener('keydown', (e) => { if (e.key === 'Escape') { box.hidden = true; button.focus(); } });

  return {
    // The fields of the link the page was opened with, for the page to restore; from now on the URL follows the view.
    opened() { following = true; return opening; },
    changed,
  };
}
