// Exports from the page: the 找地 matches and the two-year comparison as XLSX/CSV (the server writes them:
// /api/parcels/export.xlsx|.csv with the list's query, /api/plans/diff.xlsx|.csv), and the map as it stands as a PNG
// with a title, date, legend and scale line drawn on it.
import { getPointResolution } from 'ol/proj.js';

// Starts a download of `url`: the server names the file (Content-Disposition).
export function download(url, name = '') {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

// 导出 XLSX / CSV buttons over one export: `query()` gives the URLSearchParams of the moment, or null when there is
// nothing to export (the buttons are then disabled by `enable`).
export function exportButtons({ xlsx, csv }, path, query) {
  const go = (extension) => {
    const params = query();
    if (params) download(`${path}.${extension}?${params}`);
  };
  xlsx.addEventListener('click', () => go('xlsx'));
  csv.addEventListener('click', () => go('csv'));
  const enable = (on) => { xlsx.disabled = !on; csv.disabled = !on; };
  enable(false);
  return { enable };
}

// The map's canvases composed into one canvas of the map's size in CSS pixels (the OpenLayers "export map" example):
// each layer canvas drawn with its opacity and CSS transform. Tiles are same-origin, so the canvas stays readable.
function composeMap(map) {
  const [width, height] = map.getSize();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  for (const layer of map.getViewport().querySelectorAll('.ol-layer canvas, canvas.ol-layer')) {
    if (layer.width === 0) continue;
    const opacity = layer.parentNode.style.opacity || layer.style.opacity;
    context.globalAlpha = opacity === '' ? 1 : Number(opacity);
    const transform = layer.style.transform.match(/^matrix\(([^(]*)\)$/);
    const matrix = transform ? transform[1].split(',').map(Number)
      : [parseFloat(layer.style.width) / layer.width, 0, 0, parseFloat(layer.style.height) / layer.height, 0, 0];
    context.setTransform(...matrix);
    const background = layer.parentNode.style.backgroundColor;
    if (background) {
      context.fillStyle = background;
      context.fillRect(0, 0, layer.width, layer.height);
    }
    context.drawImage(layer, 0, 0);
  }
  context.globalAlpha = 1;
  context.setTransform(1, 0, 0, 1, 0, 0);
  return canvas;
}

// A round length (1, 2 or 5 × 10ⁿ metres) that fits in `maxPixels` at `metresPerPixel`.
function scaleLength(metresPerPixel, maxPixels) {
  const most = metresPerPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(most));
  const step = [5, 2, 1].find((s) => s * power <= most) * power;
  return { metres: step, pixels: step / metresPerPixel, text: step >= 1000 ? `${step / 1000} 公里` : `${step} 米` };
}

// The title, date, legend rows (as the sidebar shows them) and a scale line, in a white box at the bottom left.
function drawCaption(canvas, map, { title, legend, font }) {
  const context = canvas.getContext('2d');
  const rows = legend.slice(0, 14);
  const date = new Date().toLocaleDateString('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' });
  const view = map.getView();
  const metresPerPixel = getPointResolution(view.getProjection(), view.getResolution(), view.getCenter(), 'm');
  const scale = scaleLength(metresPerPixel, 120);
  const family = font || 'sans-serif';
  context.font = `12px ${family}`;
  const rowWidth = Math.max(0, ...rows.map((r) => 52 + context.measureText(r.label).width));
  context.font = `bold 15px ${family}`;
  const width = Math.ceil(Math.max(220, context.measureText(title).width + 24, rowWidth));
  const height = 56 + rows.length * 18 + 30;
  const x = 10;
  const y = canvas.height - height - 10;
  context.fillStyle = 'rgba(255,255,255,0.9)';
  context.strokeStyle = '#8a96a3';
  context.fillRect(x, y, width, height);
  context.strokeRect(x + 0.5, y + 0.5, width - 1, height - 1);
  context.fillStyle = '#1d2733';
  context.textBaseline = 'middle';
  context.fillText(title, x + 12, y + 16);
  context.font = `12px ${family}`;
  context.fillStyle = '#5b6673';
  context.fillText(`导出于 ${date} · LandMap`, x + 12, y + 36);
  rows.forEach((row, i) => {
    const ry = y + 56 + i * 18;
    if (row.outline) {
      context.strokeStyle = row.outline;
      context.lineWidth = 2;
      context.setLineDash(row.dashed ? [4, 3] : []);
      context.strokeRect(x + 13, ry - 5, 20, 10);
      context.setLineDash([]);
    }
    if (row.fill) {
      context.fillStyle = row.fill;
      context.fillRect(x + 13, ry - 5, 20, 10);
    }
    context.fillStyle = '#1d2733';
    context.fillText(row.label, x + 40, ry);
  });
  const sy = y + height - 16;
  context.strokeStyle = '#1d2733';
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(x + 12, sy - 4);
  context.lineTo(x + 12, sy);
  context.lineTo(x + 12 + scale.pixels, sy);
  context.lineTo(x + 12 + scale.pixels, sy - 4);
  context.stroke();
  context.fillStyle = '#1d2733';
  context.fillText(scale.text, x + 20 + scale.pixels, sy - 2);
}

// The legend rows of the sidebar (`.legend-row` with a `.swatch`), as colours and labels to draw.
export function legendRows(container) {
  const transparent = (c) => !c || c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
  return [...container.querySelectorAll('.legend-row')].map((row) => {
    const swatch = row.querySelector('.swatch');
    const css = swatch ? getComputedStyle(swatch) : null;
    return {
      label: row.textContent.trim(),
      fill: css && !transparent(css.backgroundColor) ? css.backgroundColor : null,
      outline: css && parseFloat(css.borderTopWidth) > 0 ? css.borderTopColor : null,
      dashed: css?.borderTopStyle === 'dashed',
    };
  }).filter((r) => r.label && (r.fill || r.outline));
}

// Renders the map once more, then downloads it as LandMap地图-<date>.png with its caption. Resolves with the PNG blob.
export function exportMapPng(map, caption) {
  return new Promise((resolve, reject) => {
    map.once('rendercomplete', () => {
      try {
        const canvas = composeMap(map);
        drawCaption(canvas, map, caption);
        canvas.toBlob((blob) => {
          if (!blob) { reject(new Error('地图无法导出为图片')); return; }
          const url = URL.createObjectURL(blob);
          download(url, `LandMap地图-${new Date().toISOString().slice(0, 10)}.png`);
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          resolve(blob);
        }, 'image/png');
      } catch (error) {
        reject(error);
      }
    });
    map.renderSync();
  });
}

// The query of GET /api/parcels (and its exports) for a filter: the same parameters queryParcels sends.
export function parcelParams({ planYear, district, q, use, minAreaMu, maxAreaMu, available, sortby }) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ planYear, district, q, use, minAreaMu, maxAreaMu, available, sortby })) {
    if (value != null && value !== '') params.set(key, value);
  }
  return params;
}

// The PNG's title: what the map shows (区县, plan year or comparison, 找地 matches).
export function mapTitle(state, compared) {
  const place = state.district || '全部区县';
  if (state.compare) return `${compared.district ?? place} ${compared.fromYear ?? ''}–${compared.toYear ?? ''} 年计划对比`;
  const year = state.planYear ? `${state.planYear} 年计划` : '全部计划年度';
  return `${place} · ${year}${state.land ? ` · 找地 ${state.land.matched} 块` : ''}`;
}
