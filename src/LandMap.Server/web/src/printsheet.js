// 打印宗地图 in the parcel panel: the server draws the sheet from the store (GET /api/parcels/{id}/sheet.pdf), so what
// prints is what is saved now — a reviewer's edit included. An unresolved parcel has no outline to print.
import { escape } from './html.js';

export function sheetLink(p) {
  if (p.status === 'unresolved') return '<p class="muted print-sheet-none">未定位，无宗地图可打印</p>';
  const href = `/api/parcels/${encodeURIComponent(p.id)}/sheet.pdf`;
  return `<p class="print-sheet"><a class="button" href="${href}" download="宗地图-${escape(String(p.id))}.pdf"
    title="A4 宗地图：地块图、界址点坐标表（地块所在 3° 高斯-克吕格带，平顶山为 EPSG:4547）、面积与审核状态">打印宗地图</a></p>`;
}
