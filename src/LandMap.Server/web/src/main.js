// LandMap page: basemap tiles, parcels, filters, search, key projects, the parcel panel, the two-year
// comparison, the stage replay and the indicator charts.
import 'ol/ol.css';
import './style.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { ScaleLine, Zoom, defaults as defaultControls } from 'ol/control.js';
import { fromLonLat, toLonLat, transform } from 'ol/proj.js';
import { register } from 'ol/proj/proj4.js';
import { extend, createEmpty, isEmpty } from 'ol/extent.js';
import proj4 from 'proj4';
import { basemapLayer } from './basemap.js';
import { parcelLayer, loadParcels } from './parcels.js';
import { renderParcel, fetchParcel } from './panel.js';
import { renderLegend, fillStageFilter, renderProjects } from './sidebar.js';
import { overlayLayers, loadOverlay, mixOverlay, renderOverlayLegend } from './overlay.js';
import { projectLayer, showProjects, colourProjects, replayControl } from './projects.js';
import { chartDialog } from './charts.js';
import { account, reviewPanel } from './review.js';
import { linkControls } from './links.js';
import { landFinder } from './findland.js';
import { reviewQueue } from './queue.js';

proj4.defs('EPSG:4547', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
register(proj4);

const $ = (id) => document.getElementById(id);
const state = { planYear: '', district: '', stage: '', selectedId: null, compare: false, year: null, land: {} };
const getJson = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
};

async function start() {
  const style = await getJson('/tiles/style.json');
  const parcels = parcelLayer(style, () => state.selectedId);
  const overlay = overlayLayers(style, () => state.selectedId);
  const projects = projectLayer(style);
  const parcelLayers = [parcels, overlay.from, overlay.to];
  const map = new Map({
    target: 'map',
    layers: [basemapLayer(style), parcels, overlay.from, overlay.to, projects],
    controls: defaultControls({ zoom: false, attribution: false }).extend([
      new Zoom({ zoomInTipLabel: '放大', zoomOutTipLabel: '缩小' }),
      new ScaleLine({ units: 'metric', bar: true, steps: 4, text: false, minWidth: 120 }),
    ]),
    view: new View({ center: fromLonLat([113.37, 33.745]), zoom: 13, minZoom: 9, maxZoom: 19 }),
  });

  fillStageFilter($('stage-filter'), style);
  const reports = await getJson('/api/reports');
  const districts = [...new Set(reports.map((r) => r.district).filter(Boolean))];
  for (const district of districts) $('district').insertAdjacentHTML('beforeend', `<option value="${district}">${district}</option>`);
  // Compare the district's two latest plan years that have a land column (卫东区: 2021 → 2023).
  const compareDistrict = () => state.district || districts.find((d) => reports.some((r) => r.district === d && r.landEntryCount > 0));
  const planYears = (district) => [...new Set(reports.filter((r) => r.district === district && r.landEntryCount > 0).map((r) => r.planYear))].sort();

  // Every parcel's geometry, so project symbols stay on their parcel whatever the plan-year filter shows.
  const everyParcel = (await loadParcels(null, {})).features;
  const geometries = new globalThis.Map(everyParcel.map((f) => [f.getId(), f.getGeometry()]));
  const allProjects = await getJson('/api/projects');
  const placeProjects = () => {
    showProjects(projects, allProjects.filter((p) => !state.district || p.district === state.district), geometries);
    colourProjects(projects, state.year, style);
  };
  const years = allProjects.flatMap((p) => p.timeline.map((s) => s.year)).filter((y) => y != null);
  const yearRange = Array.from({ length: Math.max(...years) - Math.min(...years) + 1 }, (_, i) => Math.min(...years) + i);
  state.year = yearRange[yearRange.length - 1];

  const auth = account({ loginButton: $('login-button'), logoutButton: $('logout-button'), name: $('account-name'),
    dialog: $('login-dialog'), form: $('login-form'), error: $('login-error') }, async () => {
    // Reviewers see rejected parcels and the editing controls; everyone else the published map.
    queue.update();
    if (state.selectedId != null) await select(state.selectedId);
  });
  const queue = reviewQueue({ button: $('queue-button'), panel: $('queue'), status: $('queue-status'), list: $('queue-list'),
    count: $('queue-count'), close: $('queue-close') }, auth, {
    onPick: (id) => pickParcel(id),
    onRestored: async (id) => {
      await reload();
      await pickParcel(id);
    },
  });
  const review = reviewPanel({ container: $('review'), map, parcels, auth, onChanged: async (id) => {
    await reload();
    await select(id);
    await queue.load();
  }, onRejected: async (parcel) => {
    await select(null);
    await reload();
    await queue.load();
    toast(`已驳回“${parcel.properties.name}”，不再公开显示（审核队列中可查）`);
  } });
  // A link decision changes the comparison layers and every panel that lists the entry: reload both.
  const links = linkControls({ auth, onChanged: async (id) => {
    await reload();
    await select(id);
  } });

  const toast = (text) => {
    const message = $('search-message');
    message.textContent = text;
    message.hidden = false;
    setTimeout(() => { message.hidden = true; }, 3000);
  };
  const findFeature = (id) => parcelLayers.map((l) => l.getVisible() && l.getSource().getFeatureById(id)).find(Boolean);

  async function select(id, { zoom = false } = {}) {
    state.selectedId = id;
    parcelLayers.forEach((l) => l.changed());
    if (id == null) { $('panel').hidden = true; review.show(null); return; }
    const parcel = await fetchParcel(id);
    renderParcel($('panel-body'), parcel, style, (other) => pickParcel(other));
    await links.enhance($('panel-body'), parcel);
    $('panel').hidden = false;
    const feature = findFeature(id);
    await review.show(parcel, parcel.etag, feature);
    if (zoom && feature) map.getView().fit(feature.getGeometry().getExtent(), { padding: [80, 420, 80, 80], maxZoom: 16, duration: 400 });
  }

  async function reload() {
    parcels.setVisible(!state.compare);
    overlay.from.setVisible(state.compare);
    overlay.to.setVisible(state.compare);
    $('compare').hidden = !state.compare;
    if (state.compare) {
      const district = compareDistrict();
      const [fromYear, toYear] = planYears(district).slice(-2);
      const counts = await loadOverlay(overlay, { fromYear, toYear, district });
      $('compare-from').textContent = `${fromYear} 年`;
      $('compare-to').textContent = `${toYear} 年`;
      // Reviewers' decisions are part of the comparison: say how many, and which no longer apply (the entry changed).
      const reviewed = [counts.confirmed ? `审核确认 ${counts.confirmed}` : '', counts.broken ? `审核断开 ${counts.broken}` : '',
        counts.ignored.length ? `${counts.ignored.length} 条审核决定未应用` : ''].filter(Boolean).join(' · ');
      $('compare-counts').textContent = `${district}：延续 ${counts.carried} · 新增 ${counts.new} · 取消 ${counts.dropped}${reviewed ? `（${reviewed}）` : ''}`;
      $('compare-counts').title = counts.ignored.map((i) => `${i.decision.decidedBy}：${i.decision.from.seq} → ${i.decision.to.seq}，${i.reason}`).join('\n');
      mixOverlay(overlay, Number($('compare-mix').value));
      renderOverlayLegend($('legend'), fromYear, toYear);
      const shown = overlay.from.getSource().getFeatures().length + overlay.to.getSource().getFeatures().length;
      $('parcel-count').textContent = `地块 ${shown} 个（两年）`;
    } else {
      renderLegend($('legend'), style);
      const { features } = await loadParcels(parcels, { ...state, ...state.land });
      $('parcel-count').textContent = `地块 ${features.length} 个`;
      finder.render(features);
    }
    if (state.selectedId != null && !findFeature(state.selectedId)) await select(null);
    placeProjects();
    await renderProjects($('project-list'), $('project-count'), style, state, (id) => pickParcel(id));
  }

  const finder = landFinder({ use: $('land-use'), minArea: $('land-min'), maxArea: $('land-max'), list: $('land-list'),
    counter: $('land-count'), clear: $('land-clear') }, everyParcel, async (filter) => {
    state.land = filter;
    // Room for the list of matches: fold the legend (one click opens it again).
    if (Object.values(filter).some((v) => v != null)) $('legend').closest('details').open = false;
    // The finder filters the single-year map: leave the comparison for it.
    if (state.compare) { state.compare = false; setYearButtons(); }
    await reload();
  }, (id) => pickParcel(id));

  async function pickParcel(id) {
    if (!findFeature(id)) {
      state.planYear = '';
      state.compare = false;
      setYearButtons();
      await reload();
    }
    await select(id, { zoom: true });
  }

  function setYearButtons() {
    document.querySelectorAll('#plan-year button').forEach((b) =>
      b.classList.toggle('active', b.dataset.mode === 'compare' ? state.compare : !state.compare && b.dataset.year === state.planYear));
  }

  document.querySelectorAll('#plan-year button').forEach((button) => button.addEventListener('click', async () => {
    state.compare = button.dataset.mode === 'compare';
    if (!state.compare) state.planYear = button.dataset.year;
    setYearButtons();
    await reload();
  }));
  $('compare-mix').addEventListener('input', (e) => mixOverlay(overlay, Number(e.target.value)));
  $('district').addEventListener('change', async (e) => { state.district = e.target.value; await reload(); });
  $('stage-filter').addEventListener('change', async (e) => {
    state.stage = e.target.value;
    await renderProjects($('project-list'), $('project-count'), style, state, (id) => pickParcel(id));
  });
  $('panel-close').addEventListener('click', () => select(null));
  replayControl({ slider: $('replay-year'), label: $('replay-label'), play: $('replay-play') }, yearRange, (year) => {
    state.year = year;
    colourProjects(projects, year, style);
  });

  const charts = chartDialog({ dialog: $('charts'), list: $('indicator-list'), canvas: $('chart-canvas'), heading: $('chart-heading'),
    note: $('chart-note'), exportButton: $('chart-export'), download: $('chart-download') }, style.font);
  $('open-charts').addEventListener('click', () => charts.open(state.district || districts[0]));
  $('charts-close').addEventListener('click', () => $('charts').close());

  $('search').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = $('search-text').value.trim();
    if (!q) return;
    const { features } = await loadParcels(null, { ...state, q });
    if (!features.length) { toast(`未找到“${q}”`); return; }
    $('search-message').hidden = true;
    const extent = features.reduce((acc, f) => extend(acc, f.getGeometry().getExtent()), createEmpty());
    if (!isEmpty(extent)) map.getView().fit(extent, { padding: [80, 420, 80, 80], maxZoom: 16, duration: 400 });
    await select(features[0].getId());
  });

  const isParcelLayer = (l) => parcelLayers.includes(l);
  map.on('singleclick', async (e) => {
    const symbol = map.forEachFeatureAtPixel(e.pixel, (f) => f, { layerFilter: (l) => l === projects, hitTolerance: 2 });
    const hit = symbol ? null : map.forEachFeatureAtPixel(e.pixel, (f) => f, { layerFilter: isParcelLayer, hitTolerance: 4 });
    await select(symbol ? symbol.get('parcelId') : hit ? hit.getId() : null);
  });
  map.on('pointermove', (e) => {
    const [lon, lat] = toLonLat(e.coordinate);
    const [x, y] = transform(e.coordinate, 'EPSG:3857', 'EPSG:4547');
    $('coord-wgs84').textContent = `${lon.toFixed(6)}°E, ${lat.toFixed(6)}°N`;
    $('coord-gk').textContent = `X(北) ${y.toFixed(2)} m, Y(东) ${x.toFixed(2)} m`;
    const symbol = map.forEachFeatureAtPixel(e.pixel, (f) => f, { layerFilter: (l) => l === projects, hitTolerance: 2 });
    map.getTargetElement().title = symbol ? `${symbol.get('name')}（${style.parcels.stages[symbol.get('stage')]?.name ?? '阶段未知'}）` : '';
    map.getTargetElement().style.cursor = symbol || map.hasFeatureAtPixel(e.pixel, { layerFilter: isParcelLayer }) ? 'pointer' : '';
  });
  map.getView().on('change:resolution', () => { $('zoom-level').textContent = `缩放 ${map.getView().getZoom().toFixed(1)}`; });
  $('zoom-level').textContent = `缩放 ${map.getView().getZoom().toFixed(1)}`;

  await reload();
  await auth.restore();
  // Test hook for the browser tests: the map, its layers and what is selected.
  window.landmap = { map, parcels, overlay, projects, charts, state, select, auth, review, queue, pixelOf: (id) => {
    const geometry = findFeature(id)?.getGeometry();
    const point = geometry?.getInteriorPoint ? geometry.getInteriorPoint().getCoordinates()
      : geometry?.getInteriorPoints ? geometry.getInteriorPoints().getCoordinates()[0] : geometry?.getCoordinates();
    return point ? map.getPixelFromCoordinate(point) : null;
  } };
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  console.error(error);
  document.body.dataset.ready = 'error';
});
