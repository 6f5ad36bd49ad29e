// The bureau's own layers (landmap layer import): one vector-tile layer per imported layer (/tiles/layer-{name}), a
// switcher in the sidebar (a checkbox and an opacity slider per layer, grouped by kind), the kind's conventional style
// (三调 by DLBM code in the 三调 colours, 国土空间规划 by YDYHFLDM in the 用地用海 colours of landuse-colours.js,
// 永久基本农田 yellow hatch, 生态保护红线 red outline, 城镇开发边界 purple dashed line), and a legend of what the visible
// layers draw in the view. Layers start hidden: a 三调 layer covers everything under the parcels.
import VectorTileLayer from 'ol/layer/VectorTile.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import MVT from 'ol/format/MVT.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import { escape } from './html.js';
import { PHONE } from './layout.js';
import { landUseClass } from './landuse-colours.js';

// The switcher's groups, in the order a 国土 review reads them.
export const KINDS = [
  ['cadastre', '地籍'], ['land-survey', '三调'], ['farmland', '永久基本农田'], ['eco-redline', '生态保护红线'],
  ['urban-boundary', '城镇开发边界'], ['planning', '国土空间规划'], ['other', '其他'],
];

// 三调 地类 colours (GB/T 21010-2017 codes with the 三调 工作分类 05H1/08H1/08H2…), RGB as in the public 三调 style
// template of MapGIS WebClient-Vue (cesium/docs/template/guotu.md, "三调样式"), which follows the 三调 symbol library;
// docs/layers.md says so. Codes with a K/A suffix (可调整, 养殖坑塘 …) take their base code's colour.
export const DLBM = {
  '0101': ['水田', '#f8d072'], '0102': ['水浇地', '#f8e71c'], '0103': ['旱地', '#fffbb1'],
  '0201': ['果园', '#d6a7c9'], '0202': ['茶园', '#d5a7b0'], '0203': ['橡胶园', '#e7cce2'], '0204': ['其他园地', '#e7cce2'],
  '0301': ['乔木林地', '#31ad69'], '0302': ['竹林地', '#31ad69'], '0303': ['红树林地', '#31ad69'], '0304': ['森林沼泽', '#31ad69'],
  '0305': ['灌木林地', '#64b968'], '0306': ['灌丛沼泽', '#64b968'], '0307': ['其他林地', '#97cfb2'],
  '0401': ['天然牧草地', '#83c238'], '0402': ['沼泽草地', '#83c238'], '0403': ['人工牧草地', '#9ace7f'], '0404': ['其他草地', '#c8e3a0'],
  '05H1': ['商业服务业设施用地', '#e2a195'], '0508': ['物流仓储用地', '#c59a8c'],
  '0601': ['工业用地', '#c59a8c'], '0602': ['采矿用地', '#c59a8c'], '0603': ['盐田', '#c59a8c'],
  '0701': ['城镇住宅用地', '#e56766'], '0702': ['农村宅基地', '#ec898a'],
  '08H1': ['机关团体新闻出版用地', '#f1a5b4'], '08H2': ['科教文卫用地', '#f1a5b4'], '0809': ['公用设施用地', '#f1a5b4'],
  '0810': ['公园与绿地', '#81c35d'],
  '09': ['特殊用地', '#c17261'],
  '1001': ['铁路用地', '#d1c9d3'], '1002': ['轨道交通用地', '#d1c9d3'], '1003': ['公路用地', '#d2d8c9'], '1004': ['城镇村道路用地', '#dededd'],
  '1005': ['交通服务场站用地', '#aaa9a9'], '1006': ['农村道路', '#c2c1c1'], '1007': ['机场用地', '#eb897e'], '1008': ['港口码头用地', '#eb897e'],
  '1009': ['管道运输用地', '#eb897e'],
  '1101': ['河流水面', '#a3d6f5'], '1102': ['湖泊水面', '#a3d6f5'], '1103': ['水库水面', '#a3d6f5'], '1104': ['坑塘水面', '#90aacf'],
  '1105': ['沿海滩涂', '#b3def8'], '1106': ['内陆滩涂', '#b3def8'], '1107': ['沟渠', '#a0cdf0'], '1108': ['沼泽地', '#afc8dc'],
  '1109': ['水工建筑用地', '#e68264'], '1110': ['冰川及永久积雪', '#d7edfb'],
  '1201': ['空闲地', '#e1dce1'], '1202': ['设施农用地', '#dcb482'], '1203': ['田坎', '#c8ccd2'], '1204': ['盐碱地', '#c8beaa'],
  '1205': ['沙地', '#c8beaa'], '1206': ['裸土地', '#d7c8b9'], '1207': ['裸岩石砾地', '#dedde6'],
};

// First-level classes: the colour of the class's main second-level code, for codes the table lacks.
export const CLASSES = {
  '01': ['耕地', '#f8e71c'], '02': ['园地', '#d6a7c9'], '03': ['林地', '#31ad69'], '04': ['草地', '#83c238'],
  '05': ['商服用地', '#e2a195'], '06': ['工矿用地', '#c59a8c'], '07': ['住宅用地', '#e56766'], '08': ['公共管理与公共服务用地', '#f1a5b4'],
  '09': ['特殊用地', '#c17261'], '10': ['交通运输用地', '#d1c9d3'], '11': ['水域及水利设施用地', '#a3d6f5'], '12': ['其他土地', '#e1dce1'],
};

// The 地类 of a DLBM code: [code, name, colour], second level where known, else its first-level class.
export function landClass(code) {
  const text = String(code ?? '').trim().toUpperCase();
  const base = text.replace(/[KA]$/, '');
  if (DLBM[base]) return [base, ...DLBM[base]];
  if (DLBM[text.slice(0, 2)]) return [text.slice(0, 2), ...DLBM[text.slice(0, 2)]];
  if (CLASSES[text.slice(0, 2)]) return [text.slice(0, 2), ...CLASSES[text.slice(0, 2)]];
  return ['', '未知地类', '#cccccc'];
}

const hex = (colour, alpha) => {
  const n = parseInt(colour.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
};

// 永久基本农田: yellow diagonal hatch on a pale yellow fill, the way bureau maps mark it.
function hatch() {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 8;
  const context = canvas.getContext('2d');
  context.fillStyle = 'rgba(255,236,61,0.35)';
  context.fillRect(0, 0, 8, 8);
  context.strokeStyle = 'rgba(214,170,0,0.9)';
  context.lineWidth = 1.5;
  context.beginPath();
  context.moveTo(0, 8); context.lineTo(8, 0);
  context.moveTo(-2, 2); context.lineTo(2, -2);
  context.moveTo(6, 10); context.lineTo(10, 6);
  context.stroke();
  return context.createPattern(canvas, 'repeat');
}

// The field of a layer named `name` in any letter case (PostGIS and GDAL exports write ydyhfldm), else `name` itself.
const fieldOf = (info, name) => info.fields?.find((f) => f.name.toUpperCase() === name)?.name ?? name;

// The class drawer of a 三调 or 国土空间规划 layer: feature → [code, name, colour]; null for other kinds. 国土空间规划 reads
// YDYHFLDM, or DLBM where a feature has no YDYHFLDM.
function classOf(info) {
  if (info.kind === 'land-survey') {
    const dlbm = fieldOf(info, 'DLBM');
    return (feature) => landClass(feature.get(dlbm));
  }
  if (info.kind === 'planning') {
    const [code, dlbm] = [fieldOf(info, 'YDYHFLDM'), fieldOf(info, 'DLBM')];
    return (feature) => landUseClass(feature.get(code) || feature.get(dlbm));
  }
  return null;
}

// Lines that bound an area still take clicks inside it: a fill almost transparent is hit-detected, plain none is not.
const faint = (colour) => new Fill({ color: hex(colour, 0.04) });

// The style of each kind; 三调 and 国土空间规划 by each feature's class. 用地用海 fills are opaque, as the cartographic
// standard prints them; the layer's opacity slider lets the basemap through.
function kindStyle(info) {
  const classes = classOf(info);
  if (classes) {
    const cache = new Map();
    const alpha = info.kind === 'planning' ? 1 : 0.85;
    const outline = new Stroke({ color: 'rgba(90,90,90,0.6)', width: 0.6 });
    return (feature) => {
      const [code, , colour] = classes(feature);
      if (!cache.has(code)) cache.set(code, new Style({ fill: new Fill({ color: hex(colour, alpha) }), stroke: outline }));
      return cache.get(code);
    };
  }
  switch (info.kind) {
    case 'farmland':
      return new Style({ fill: new Fill({ color: hatch() }), stroke: new Stroke({ color: '#c9a400', width: 1.2 }) });
    case 'eco-redline':
      return new Style({ fill: new Fill({ color: 'rgba(230,0,18,0.08)' }), stroke: new Stroke({ color: '#e60012', width: 2.5 }) });
    case 'urban-boundary':
      return new Style({ fill: faint('#8e44ad'), stroke: new Stroke({ color: '#8e44ad', width: 2.5, lineDash: [10, 6] }) });
    case 'cadastre':
      return new Style({ fill: faint('#7a4b22'), stroke: new Stroke({ color: '#7a4b22', width: 1 }) });
    default:
      return new Style({ fill: new Fill({ color: 'rgba(52,120,246,0.15)' }), stroke: new Stroke({ color: '#3478f6', width: 1.2 }) });
  }
}

// The property OpenLayers' MVT reader puts the tile layer's name in; renamed so no imported field ('layer') is shadowed.
export const TILE_LAYER_PROPERTY = 'mvt:layer';

// One hidden vector-tile layer per imported layer, in kind order; each carries its /api/layers entry as `bureauLayer`.
export function bureauLayers(list) {
  const order = (kind) => KINDS.findIndex(([k]) => k === kind);
  return [...list].sort((a, b) => order(a.kind) - order(b.kind) || a.name.localeCompare(b.name, 'zh-CN')).map((layer) => new VectorTileLayer({
    source: new VectorTileSource({ format: new MVT({ layerName: TILE_LAYER_PROPERTY }), url: `/tiles/${encodeURIComponent(layer.tileSource)}/{z}/{x}/{y}.pbf`, maxZoom: 18 }),
    style: kindStyle(layer),
    visible: false,
    opacity: 0.8,
    properties: { name: `layer:${layer.name}`, bureauLayer: layer },
  }));
}

// The switcher: per kind a heading, per layer a checkbox (shows the layer) and an opacity slider (0–100 %).
export function renderSwitcher(container, layers, onChange) {
  if (!layers.length) {
    container.innerHTML = '<p class="muted">尚未导入图层（landmap layer import）。</p>';
    return;
  }
  container.innerHTML = KINDS.filter(([kind]) => layers.some((l) => l.get('bureauLayer').kind === kind)).map(([kind, title]) => `
    <div class="layer-group" data-kind="${kind}">
      <div class="legend-title">${escape(title)}</div>
      ${layers.map((l, i) => [l, i]).filter(([l]) => l.get('bureauLayer').kind === kind).map(([l, i]) => {
        const info = l.get('bureauLayer');
        return `<div class="layer-row" data-index="${i}">
          <label><input type="checkbox" class="layer-visible" data-layer="${escape(info.name)}">
            <span class="layer-name">${escape(info.name)}</span> <span class="muted">${info.featureCount.toLocaleString('zh-CN')} 个</span></label>
          <input type="range" class="layer-opacity" min="0" max="100" value="${Math.round(l.getOpacity() * 100)}"
            aria-label="${escape(info.name)} 透明度" title="不透明度">
        </div>`;
      }).join('')}
    </div>`).join('');
  container.querySelectorAll('.layer-row').forEach((row) => {
    const layer = layers[Number(row.dataset.index)];
    row.querySelector('.layer-visible').addEventListener('change', (e) => { layer.setVisible(e.target.checked); onChange(); });
    row.querySelector('.layer-opacity').addEventListener('input', (e) => { layer.setOpacity(Number(e.target.value) / 100); onChange(); });
  });
}

// The legend of the visible layers: per 三调 or 国土空间规划 layer the classes its features in the view draw (code and
// name), per other layer its symbol.
export function renderLayerLegend(container, layers, extent) {
  const visible = layers.filter((l) => l.getVisible() && l.getOpacity() > 0);
  container.hidden = !visible.length;
  const swatch = (css, label, code) =>
    `<div class="legend-row"${code != null ? ` data-code="${escape(code)}"` : ''}><span class="swatch" style="${css}"></span>${escape(label)}</div>`;
  const symbols = {
    farmland: 'background:repeating-linear-gradient(135deg,rgba(214,170,0,.9) 0 2px,rgba(255,236,61,.35) 2px 6px);border:1px solid #c9a400',
    'eco-redline': 'background:rgba(230,0,18,.08);border:2px solid #e60012',
    'urban-boundary': 'border:2px dashed #8e44ad',
    cadastre: 'border:1px solid #7a4b22',
    other: 'background:rgba(52,120,246,.15);border:1px solid #3478f6',
  };
  container.innerHTML = visible.map((layer) => {
    const info = layer.get('bureauLayer');
    const classes = classOf(info);
    if (!classes) return `<div class="legend-title">${escape(info.name)}</div>${swatch(symbols[info.kind] ?? symbols.other, info.kindName)}`;
    const seen = new Map();
    for (const feature of layer.getFeaturesInExtent(extent)) {
      const [code, name, colour] = classes(feature);
      seen.set(code, [name, colour]);
    }
    const rows = [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([code, [name, colour]]) =>
      swatch(`background:${colour}`, `${code} ${name}`, code)).join('');
    const title = info.kind === 'planning' ? '用地用海分类' : '三调地类';
    return `<div class="legend-title">${escape(info.name)}（${title}）</div>${rows || '<div class="muted">视图内无图斑</div>'}`;
  }).join('');
}

// Loads /api/layers and adds the layers, the switcher and the legend to the page; returns the layers (for identify).
// The switcher's block (`block`, a <details>) is left out when nothing is imported and folded on a phone, where the
// side column has no room to spare.
export async function addBureauLayers(map, { block, switcher, legend }) {
  const response = await fetch('/api/layers');
  if (!response.ok) throw new Error(`/api/layers: ${response.status}`);
  const layers = bureauLayers((await response.json()).layers);
  block.hidden = !layers.length;
  if (PHONE.matches) block.open = false;
  // Right above the basemap, under the parcels: a reviewer lays parcels over the bureau's layers, not the other way round.
  layers.forEach((layer, i) => map.getLayers().insertAt(1 + i, layer));
  const updateLegend = () => renderLayerLegend(legend, layers, map.getView().calculateExtent(map.getSize()));
  renderSwitcher(switcher, layers, updateLegend);
  map.on('rendercomplete', updateLegend);
  updateLegend();
  return layers;
}
