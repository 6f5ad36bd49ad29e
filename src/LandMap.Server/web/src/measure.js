// 测量: distance and area on the map, geodesic (ol/sphere measures EPSG:3857 geometries on the sphere, not in the
// projection's inflated metres), in 米/公里 and 平方米/亩. While the tool is on, clicks on the map belong to it
// (`active`); Esc or the active button ends it and clears what it drew.
import Draw from 'ol/interaction/Draw.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Overlay from 'ol/Overlay.js';
import { getArea, getLength } from 'ol/sphere.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';

export const MU_M2 = 10000 / 15;
const number = (value, digits) => value.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const formatLength = (metres) => (metres < 1000 ? `${number(metres, 1)} 米` : `${number(metres / 1000, 3)} 公里`);
export const formatArea = (squareMetres) => `${number(squareMetres, 0)} 平方米（${number(squareMetres / MU_M2, 2)} 亩）`;

const INK = '#d35400';
const drawnStyle = new Style({
  stroke: new Stroke({ color: INK, width: 2.5 }),
  fill: new Fill({ color: 'rgba(211,84,0,0.12)' }),
});
const sketchStyle = [
  new Style({ stroke: new Stroke({ color: INK, width: 2, lineDash: [6, 4] }), fill: new Fill({ color: 'rgba(211,84,0,0.08)' }) }),
  new Style({ image: new Circle({ radius: 4, fill: new Fill({ color: INK }), stroke: new Stroke({ color: '#fff', width: 1.5 }) }) }),
];

// `buttons` maps a kind ('distance', 'area') to its button; `result` shows the last figure, `hint` how to go on.
export function measureTool(map, { buttons, result, hint }) {
  const source = new VectorSource();
  map.addLayer(new VectorLayer({ source, style: drawnStyle, zIndex: 30, properties: { name: 'measure' } }));
  let draw = null;
  let kind = null;
  const tips = [];

  // The figure of a geometry and where its tip goes: a line's end, a polygon's inside.
  const measure = (geometry) => (geometry.getType() === 'Polygon'
    ? { text: formatArea(getArea(geometry)), value: getArea(geometry), at: geometry.getInteriorPoint().getCoordinates() }
    : { text: formatLength(getLength(geometry)), value: getLength(geometry), at: geometry.getLastCoordinate() });

  const tip = () => {
    const element = document.createElement('div');
    element.className = 'measure-tip';
    const overlay = new Overlay({ element, offset: [0, -12], positioning: 'bottom-center', stopEvent: false });
    map.addOverlay(overlay);
    tips.push(overlay);
    return overlay;
  };
  const show = (overlay, geometry) => {
    const { text, value, at } = measure(geometry);
    overlay.getElement().textContent = text;
    overlay.setPosition(at.slice(0, 2));
    result.textContent = `${kind === 'area' ? '面积' : '距离'}：${text}`;
    result.dataset.value = String(value);
  };

  function end() {
    if (draw) map.removeInteraction(draw);
    draw = null;
    kind = null;
    source.clear();
    tips.splice(0).forEach((overlay) => map.removeOverlay(overlay));
    Object.values(buttons).forEach((b) => b.classList.remove('active'));
    result.textContent = '';
    delete result.dataset.value;
    hint.hidden = true;
  }

  function start(next) {
    end();
    kind = next;
    buttons[kind].classList.add('active');
    hint.textContent = `单击添加${kind === 'area' ? '顶点' : '点'}，双击结束；再次点击按钮或按 Esc 退出测量`;
    hint.hidden = false;
    // stopClick: the clicks that place points fire no map click (the parcel panel stays as it is).
    draw = new Draw({ source, type: kind === 'area' ? 'Polygon' : 'LineString', style: sketchStyle, stopClick: true });
    let overlay = null;
    draw.on('drawstart', ({ feature }) => {
      overlay = tip();
      feature.getGeometry().on('change', (e) => show(overlay, e.target));
    });
    draw.on('drawend', ({ feature }) => {
      show(overlay, feature.getGeometry());
      overlay.getElement().classList.add('done');
    });
    map.addInteraction(draw);
  }

  for (const [name, button] of Object.entries(buttons)) {
    button.addEventListener('click', () => (kind === name ? end() : start(name)));
  }
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && kind) end(); });
  return { get active() { return kind != null; }, end };
}
