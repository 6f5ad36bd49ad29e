// LandMap page: basemap tiles, parcels, filters, search, key projects and the parcel panel.
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

proj4.defs('EPSG:4547', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
register(proj4);

const $ = (id) => document.getElementById(id);
const state = { planYear: '', district: '', stage: '', selectedId: null };

async function start() {
  const style = await (await fetch('/tiles/style.json')).json();
  const parcels = parcelLayer(style, () => state.selectedId);
  const map = new Map({
    target: 'map',
    layers: [basemapLayer(style), parcels],
    controls: defaultControls({ zoom: false, attribution: false }).extend([
      new Zoom({ zoomInTipLabel: '放大', zoomOutTipLabel: '缩小' }),
      new ScaleLine({ units: 'metric', bar: true, steps: 4, text: false, minWidth: 120 }),
    ]),
    view: new View({ center: fromLonLat([113.37, 33.745]), zoom: 13, minZoom: 9, maxZoom: 19 }),
  });

  renderLegend($('legend'), style);
  fillStageFilter($('stage-filter'), style);
  const reports = await (await fetch('/api/reports')).json();
  for (const district of [...new Set(reports.map((r) => r.district).filter(Boolean))]) {
    $('district').insertAdjacentHTML('beforeend', `<option value="${district}">${district}</option>`);
  }

  async function select(id, { zoom = false } = {}) {
    state.selectedId = id;
    parcels.changed();
    if (id == null) { $('panel').hidden = true; return; }
    const parcel = await fetchParcel(id);
    renderParcel($('panel-body'), parcel, style);
    $('panel').hidden = false;
    const feature = parcels.getSource().getFeatureById(id);
    if (zoom && feature) {
      map.getView().fit(feature.getGeometry().getExtent(), { padding: [80, 420, 80, 80], maxZoom: 16, duration: 400 });
    }
  }

  async function reload() {
    const { features } = await loadParcels(parcels, state);
    $('parcel-count').textContent = `地块 ${features.length} 个`;
    if (state.selectedId != null && !parcels.getSource().getFeatureById(state.selectedId)) await select(null);
    await renderProjects($('project-list'), $('project-count'), style, state, (id) => pickParcel(id));
  }

  async function pickParcel(id) {
    if (!parcels.getSource().getFeatureById(id)) {
      state.planYear = '';
      setYearButtons();
      await reload();
    }
    await select(id, { zoom: true });
  }

  function setYearButtons() {
    document.querySelectorAll('#plan-year button').forEach((b) => b.classList.toggle('active', b.dataset.year === state.planYear));
  }

  document.querySelectorAll('#plan-year button').forEach((button) => button.addEventListener('click', async () => {
    state.planYear = button.dataset.year;
    setYearButtons();
    await reload();
  }));
  $('district').addEventListener('change', async (e) => { state.district = e.target.value; await reload(); });
  $('stage-filter').addEventListener('change', async (e) => {
    state.stage = e.target.value;
    await renderProjects($('project-list'), $('project-count'), style, state, (id) => pickParcel(id));
  });
  $('panel-close').addEventListener('click', () => select(null));

  $('search').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = $('search-text').value.trim();
    if (!q) return;
    const { features } = await loadParcels(null, { ...state, q });
    const message = $('search-message');
    if (!features.length) {
      message.textContent = `未找到“${q}”`;
      message.hidden = false;
      setTimeout(() => { message.hidden = true; }, 3000);
      return;
    }
    message.hidden = true;
    const extent = features.reduce((acc, f) => extend(acc, f.getGeometry().getExtent()), createEmpty());
    if (!isEmpty(extent)) map.getView().fit(extent, { padding: [80, 420, 80, 80], maxZoom: 16, duration: 400 });
    await select(features[0].getId());
  });

  map.on('singleclick', async (e) => {
    const hit = map.forEachFeatureAtPixel(e.pixel, (f) => f, { layerFilter: (l) => l === parcels, hitTolerance: 4 });
    await select(hit ? hit.getId() : null);
  });
  map.on('pointermove', (e) => {
    const [lon, lat] = toLonLat(e.coordinate);
    const [x, y] = transform(e.coordinate, 'EPSG:3857', 'EPSG:4547');
    $('coord-wgs84').textContent = `${lon.toFixed(6)}°E, ${lat.toFixed(6)}°N`;
    $('coord-gk').textContent = `X(北) ${y.toFixed(2)} m, Y(东) ${x.toFixed(2)} m`;
    map.getTargetElement().style.cursor = map.hasFeatureAtPixel(e.pixel, { layerFilter: (l) => l === parcels }) ? 'pointer' : '';
  });
  map.getView().on('change:resolution', () => { $('zoom-level').textContent = `缩放 ${map.getView().getZoom().toFixed(1)}`; });
  $('zoom-level').textContent = `缩放 ${map.getView().getZoom().toFixed(1)}`;

  await reload();
  // Test hook for the browser tests: the map, the parcel layer and what is selected.
  window.landmap = { map, parcels, state, select, pixelOf: (id) => {
    const f = parcels.getSource().getFeatureById(id);
    const geometry = f?.getGeometry();
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
