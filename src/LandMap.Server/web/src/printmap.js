// 导出地图: the map as the user sees it — the view's extent (WGS 84 lon/lat), plan year, district and the layers shown —
// printed by the server as a one-page PDF thematic map (GET /api/maps/sheet.pdf, A3 landscape) from the stored parcels.
import { transformExtent } from 'ol/proj.js';
import { download } from './exports.js';

// The sheet's URL for the view of `map` and `view()` = { planYear, district, layers: ['basemap', 'parcels', …] }.
export function mapSheetUrl(map, { planYear, district, layers }) {
  const extent = transformExtent(map.getView().calculateExtent(map.getSize()), map.getView().getProjection(), 'EPSG:4326');
  const params = new URLSearchParams();
  if (planYear) params.set('planYear', planYear);
  if (district) params.set('district', district);
  params.set('bbox', extent.map((v) => v.toFixed(6)).join(','));
  params.set('layers', layers.join(','));
  return `/api/maps/sheet.pdf?${params}`;
}

// The download name the server gives (Content-Disposition filename*, else filename).
function fileName(response) {
  const header = response.headers.get('Content-Disposition') ?? '';
  const star = header.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  return header.match(/filename="?([^";]+)"?/i)?.[1] ?? 'LandMap专题图.pdf';
}

// The 导出地图 button: fetches the sheet (so a refusal shows its reason instead of downloading it) and saves it.
// `onError(text)` shows a problem; the button is busy while the server draws.
export function printMapButton(button, map, view, onError) {
  button.addEventListener('click', async () => {
    const current = view();
    if (current.compare) { onError('两年对比的地图请用“导出 PNG”；导出地图打印单一年度或全部年度'); return; }
    button.disabled = true;
    const label = button.textContent;
    button.textContent = '出图中…';
    try {
      const response = await fetch(mapSheetUrl(map, current));
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        const errors = Object.values(problem.errors ?? {}).flat();
        throw new Error(errors.length ? `${problem.title}：${errors.join('；')}` : problem.detail ?? `导出地图失败（${response.status}）`);
      }
      const url = URL.createObjectURL(await response.blob());
      download(url, fileName(response));
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      onError(error.message);
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
}
