// Key projects as symbols on their parcels, coloured by the stage they had reached in the chosen year,
// and the year slider that replays those stages year by year.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';

const RING_PX = 13;
// Symbols sit above the parcel's centre, clear of the parcel label drawn there.
const LIFT_PX = 26;

// The stage a project stood at in `year`: the furthest reported by then, else the latest target, else unknown;
// null when no report had named it yet.
export function stageAt(project, year, order) {
  const said = project.timeline.filter((s) => s.year != null && s.year <= year);
  if (!said.length) return null;
  const latest = (steps) => steps.reduce((best, s) => (!best || s.year > best.year
    || (s.year === best.year && order.indexOf(s.stage) > order.indexOf(best.stage)) ? s : best), null);
  const reached = latest(said.filter((s) => !s.target && s.stage));
  if (reached) return { stage: reached.stage, target: false };
  const aimed = latest(said.filter((s) => s.stage));
  return { stage: aimed?.stage ?? null, target: !!aimed };
}

function symbolStyle(style) {
  const cache = new Map();
  return (feature) => {
    const stage = feature.get('stage');
    if (stage === undefined) return null;
    const target = feature.get('target');
    const color = (stage && style.parcels.stages[stage]?.color) || '#9a9a9a';
    const [dx, dy] = feature.get('offset');
    const key = `${color}:${target}:${dx}:${dy}`;
    if (!cache.has(key)) {
      cache.set(key, [
        new Style({ image: new Circle({ radius: 10, fill: new Fill({ color: 'rgba(20,30,40,0.55)' }), displacement: [dx, dy + LIFT_PX] }), zIndex: 199 }),
        new Style({
          image: new Circle({
            radius: 8,
            fill: new Fill({ color: target ? '#ffffff' : color }),
            stroke: new Stroke({ color: target ? color : '#ffffff', width: target ? 3 : 2 }),
            displacement: [dx, dy + LIFT_PX],
          }),
          zIndex: 200,
        }),
      ]);
    }
    return cache.get(key);
  };
}

export function projectLayer(style) {
  return new VectorLayer({ source: new VectorSource(), style: symbolStyle(style), properties: { name: 'projects' }, zIndex: 20 });
}

function anchorOf(geometry) {
  if (geometry.getInteriorPoint) return geometry.getInteriorPoint().getCoordinates().slice(0, 2);
  if (geometry.getInteriorPoints) return geometry.getInteriorPoints().getCoordinates()[0].slice(0, 2);
  const extent = geometry.getExtent();
  return [(extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2];
}

// One symbol per project that sits on a parcel with a geometry; projects sharing a parcel (the parks) form a small ring.
export function showProjects(layer, projects, geometries) {
  const byParcel = new Map();
  for (const project of projects.filter((p) => geometries.get(p.parcelId))) {
    if (!byParcel.has(project.parcelId)) byParcel.set(project.parcelId, []);
    byParcel.get(project.parcelId).push(project);
  }
  const features = [];
  for (const [parcelId, group] of byParcel) {
    const anchor = anchorOf(geometries.get(parcelId));
    group.forEach((project, i) => {
      const angle = (2 * Math.PI * i) / group.length - Math.PI / 2;
      const radius = group.length > 1 ? RING_PX + group.length : 0;
      const feature = new Feature({ geometry: new Point(anchor), project, parcelId, name: project.name,
        offset: [Math.round(radius * Math.cos(angle)), Math.round(-radius * Math.sin(angle))] });
      feature.setId(`project-${project.id}`);
      features.push(feature);
    });
  }
  layer.getSource().clear();
  layer.getSource().addFeatures(features);
}

export function colourProjects(layer, year, style) {
  const order = Object.keys(style.parcels.stages);
  for (const feature of layer.getSource().getFeatures()) {
    const at = stageAt(feature.get('project'), year, order);
    feature.setProperties({
      stage: at ? at.stage : undefined,
      target: at?.target ?? false,
      color: at ? ((at.stage && style.parcels.stages[at.stage]?.color) || '#9a9a9a') : null,
    }, true);
  }
  layer.changed();
}

// The slider and its ▶ button: play steps through the years once, a second press stops.
export function replayControl({ slider, label, play }, years, onYear) {
  slider.min = String(years[0]);
  slider.max = String(years[years.length - 1]);
  slider.value = slider.max;
  let timer = null;
  const show = () => { label.textContent = `${slider.value} 年`; onYear(Number(slider.value)); };
  const stop = () => { clearInterval(timer); timer = null; play.textContent = '▶'; play.title = '逐年回放'; };
  slider.addEventListener('input', () => { stop(); show(); });
  play.addEventListener('click', () => {
    if (timer) { stop(); return; }
    slider.value = slider.min;
    show();
    play.textContent = '■';
    play.title = '停止回放';
    timer = setInterval(() => {
      if (Number(slider.value) >= Number(slider.max)) { stop(); return; }
      slider.value = String(Number(slider.value) + 1);
      show();
    }, 1200);
  });
  show();
}
