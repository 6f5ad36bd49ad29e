// LandMap page: basemap tiles, parcels, filters, search, key projects, the parcel panel, the two-year
// comparison, the stage replay and the indicator charts. Parcels are drawn from the parcel tiles and filtered by style;
// the API is asked for one parcel (the panel), one page of matches (search, 找地) or a few ids (project symbols).
import 'ol/ol.css';
import './style.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { ScaleLine, Zoom, defaults as defaultControls } from 'ol/control.js';
import { fromLonLat, toLonLat, transform, transformExtent } from 'ol/proj.js';
import { register } from 'ol/proj/proj4.js';
import { extend, createEmpty, isEmpty } from 'ol/extent.js';
import proj4 from 'proj4';
import { defineZones, zoneOf, zoneLabel } from './planes.js';
import { basemapLayer } from './basemap.js';
import { formatLonLat, savedDatum, saveDatum } from './datums.js';
import { parcelLayer, parcelTileSource, queryParcels, parcelGeometries, geojson } from './parcels.js';
import { renderParcel, fetchParcel } from './panel.js';
import { identify, parcelHits, projectHits, layerHits, renderIdentify, renderLayerHits } from './identify.js';
import { addBureauLayers } from './layers.js';
import { renderLegend, fillStageFilter, renderProjects } from './sidebar.js';
import { overlayLayers, overlayLabel, loadOverlay, mixOverlay, renderOverlayLegend } from './overlay.js';
import { parcelLabelLayer } from './labels.js';
import { measureTool } from './measure.js';
import { shareLink } from './share.js';
import { projectLayer, showProjects, colourProjects, replayControl } from './projects.js';
import { chartDialog } from './charts.js';
import { account, reviewPanel } from './review.js';
import { linkControls } from './links.js';
import { landFinder, LIMIT as LAND_LIMIT } from './findland.js';
import { searchResults, LIMIT as SEARCH_LIMIT } from './search.js';
import { reviewQueue } from './queue.js';
import { exportButtons, exportMapPng, legendRows, parcelParams, mapTitle } from './exports.js';
import { printMapButton } from './printmap.js';
import { phoneLayout } from './layout.js';
import { viewParcelList } from './viewlist.js';
import { keyboardControls } from './keyboard.js';

// The pointer read-out and the live area use the Gauss-Krüger zone of where they are (planes.js), as the server does.
defineZones(proj4);
register(proj4);

const $ = (id) => document.getElementById(id);
// land: the 找地 matches ({ ids, features, matched }) or null; editingId: the parcel whose outline is being edited;
// hits: what lay under the last click (identify.js), listed in the panel.
const state = { planYear: '', district: '', stage: '', selectedId: null, selected: null, compare: false, year: null, land: null,
  editingId: null, hits: [] };
const getJson = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
};

async function start() {
  const style = await getJson('/tiles/style.json');
  const layout = phoneLayout({ topbar: document.querySelector('.topbar'), menuButton: $('menu-toggle'), sideButton: $('side-toggle'),
    sidebar: $('sidebar') });
  const tiles = parcelTileSource();
  const selectedId = () => state.selectedId;
  const shows = (f) => f.getId() !== state.editingId && matches(f.getProperties(), f.getId());
  // Parcels with a conflict (GET /api/conflicts) get a warning outline; a list of ids rather than a tile property, so a layer
  // import, which changes conflicts without changing any parcel's version, needs no tile to be drawn again on the server.
  const conflicted = new Set();
  const parcels = parcelLayer(style, tiles, { selectedId, shows, conflicted: (id) => conflicted.has(id) });
  const overlay = overlayLayers(style, tiles, { selectedId, shows: (f) => f.getId() !== state.editingId });
  // One decluttered label layer for both modes: the single-year map's labels, or the comparison's.
  const labels = parcelLabelLayer(style, tiles, { selectedId,
    labelOf: (f) => (state.compare ? overlayLabel(overlay, f) : shows(f) ? { text: `${f.get('seq')} ${f.get('name')}` } : null) });
  const projects = projectLayer(style);
  const parcelLayers = [parcels, overlay.from, overlay.to];
  const map = new Map({
    target: 'map',
    layers: [basemapLayer(style), parcels, overlay.from, overlay.to, labels.layer, projects],
    controls: defaultControls({ zoom: false, attribution: false }).extend([
      new Zoom({ zoomInTipLabel: '放大', zoomOutTipLabel: '缩小' }),
      new ScaleLine({ units: 'metric', bar: true, steps: 4, text: false, minWidth: 120 }),
    ]),
    view: new View({ center: fromLonLat([113.37, 33.745]), zoom: 13, minZoom: 9, maxZoom: 19 }),
  });
  labels.attach(map);
  // The bureau's imported layers (layers.js): a page without them still works.
  const bureau = await addBureauLayers(map, { block: $('layer-switcher').closest('details'), switcher: $('layer-switcher'), legend: $('layer-legend') }).catch((e) => {
    console.error(e);
    return [];
  });
  // Share links (share.js): the URL follows the view; a link, or a hash changed by hand, opens the view it names.
  const share = shareLink(map, () => ({ year: state.compare ? 'compare' : state.planYear, district: state.district, parcel: state.selectedId }),
    { button: $('share-button'), box: $('share-box'), input: $('share-url'), status: $('share-status') }, (shared) => openShared(shared));

  fillStageFilter($('stage-filter'), style);
  const reports = await getJson('/api/reports');
  const extents = new globalThis.Map((await getJson('/api/districts')).map((d) => [d.name, d.bbox]));
  const districts = [...new Set(reports.map((r) => r.district).filter(Boolean))];
  for (const district of districts) $('district').insertAdjacentHTML('beforeend', `<option value="${district}">${district}</option>`);
  // Compare the district's two latest plan years that have a land column (卫东区: 2021 → 2023).
  const compareDistrict = () => state.district || districts.find((d) => reports.some((r) => r.district === d && r.landEntryCount > 0));
  const planYears = (district) => [...new Set(reports.filter((r) => r.district === district && r.landEntryCount > 0).map((r) => r.planYear))].sort();

  // The geometries of the parcels projects sit on (only those), so project symbols stay on their parcel whatever the
  // plan-year filter shows. A save drops the parcel's entry.
  const allProjects = await getJson('/api/projects');
  const geometries = new globalThis.Map();
  const placeProjects = async () => {
    const shown = allProjects.filter((p) => !state.district || p.district === state.district);
    const missing = [...new Set(shown.map((p) => p.parcelId).filter((id) => id != null && !geometries.has(id)))];
    if (missing.length) {
      const found = await parcelGeometries(missing);
      // Parcels without a geometry (or no longer public) are remembered as such, not asked for again.
      missing.forEach((id) => geometries.set(id, found.get(id) ?? null));
    }
    showProjects(projects, shown, geometries);
    colourProjects(projects, state.year, style);
  };
  // The reports count their land entries: the number of parcels per district and plan year, without asking for them.
  const entryCount = () => reports.filter((r) => (!state.district || r.district === state.district)
    && (!state.planYear || r.planYear === Number(state.planYear))).reduce((n, r) => n + r.landEntryCount, 0);
  const years = allProjects.flatMap((p) => p.timeline.map((s) => s.year)).filter((y) => y != null);
  const yearRange = Array.from({ length: Math.max(...years) - Math.min(...years) + 1 }, (_, i) => Math.min(...years) + i);
  state.year = yearRange[yearRange.length - 1];

  const auth = account({ loginButton: $('login-button'), logoutButton: $('logout-button'), name: $('account-name'),
    dialog: $('login-dialog'), form: $('login-form'), error: $('login-error') }, async () => {
    // Reviewers see rejected parcels and the editing controls; everyone else the published map.
    queue.update();
    if (state.selectedId != null) await select(state.selectedId);
  });
  const queue = reviewQueue({ button: $('queue-button'), panel: $('queue'), status: $('queue-status'), sort: $('queue-sort'), list: $('queue-list'),
    count: $('queue-count'), close: $('queue-close') }, auth, {
    onPick: (id) => pickParcel(id),
    onRestored: async (id) => {
      refreshTiles();
      await reload();
      await pickParcel(id);
    },
  });
  const review = reviewPanel({ container: $('review'), map, auth, onChanged: async (id) => {
    geometries.delete(id);
    refreshTiles();
    await reload();
    await select(id);
    await queue.load();
  }, onRejected: async (parcel) => {
    await select(null);
    refreshTiles();
    await reload();
    await queue.load();
    toast(`已驳回“${parcel.properties.name}”，不再公开显示（审核队列中可查）`);
  }, onEditing: (id) => {
    if (state.editingId === id) return;
    state.editingId = id;
    redraw();
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
  const redraw = () => { parcelLayers.forEach((l) => l.changed()); labels.changed(); };
  // After a write the tiles hold the old outline (or a parcel no longer public): load them again.
  const refreshTiles = () => { labels.reset(); tiles.refresh(); loadConflicts(); };
  async function loadConflicts() {
    const response = await fetch('/api/conflicts').catch(() => null);
    if (!response?.ok) return;
    const { rows } = await response.json();
    conflicted.clear();
    rows.forEach((row) => conflicted.add(row.id));
    parcels.changed();
  }
  loadConflicts();

  // Whether the single-year map shows a parcel (tile properties or a detail's properties): plan year, district, 找地.
  function matches(properties, id) {
    if (state.planYear && properties.planYear !== Number(state.planYear)) return false;
    if (state.district && properties.district !== state.district) return false;
    return !state.land || state.land.ids.has(id);
  }
  // Whether the map as it stands shows the parcel: in the comparison, by the diff of its two years.
  const shownNow = (properties) => (state.compare
    ? overlay.compared.classes.has(properties.id) && properties.district === overlay.compared.district
    : matches(properties, properties.id));

  // Opens the parcel's panel. `hits` is what lay under the click that chose it, `hit` the key of the hit opened.
  async function select(id, { zoom = false, hits = [], hit = hits.find((h) => h.parcelId === id)?.key } = {}) {
    // An unsaved outline is not dropped without asking.
    if (id !== state.selectedId && !review.mayLeave()) return;
    renderLayerHits($('panel-layers'), []);
    state.selectedId = id;
    state.hits = hits;
    share.changed();
    redraw();
    if (id == null) { state.selected = null; $('panel').hidden = true; review.show(null); return; }
    const parcel = await fetchParcel(id);
    if (state.selectedId !== id) return;
    state.selected = parcel;
    renderIdentify($('panel-here'), hits, hit, (next) => select(next.parcelId, { hits, hit: next.key }));
    renderParcel($('panel-body'), parcel, style, (other) => pickParcel(other));
    await links.enhance($('panel-body'), parcel);
    $('panel').hidden = false;
    layout.panelShown();
    const geometry = parcel.geometry ? geojson.readGeometry(parcel.geometry) : null;
    await review.show(parcel, parcel.etag, geometry);
    if (zoom && geometry) map.getView().fit(geometry.getExtent(), { padding: layout.fitPadding(), maxZoom: 16, duration: 400 });
  }

  async function reload() {
    parcels.setVisible(!state.compare);
    overlay.from.setVisible(state.compare);
    overlay.to.setVisible(state.compare);
    $('compare').hidden = !state.compare;
    const years = state.compare ? planYears(compareDistrict()) : [];
    if (state.compare && years.length < 2) {
      // A district needs two plan years with a land column to compare: say so instead of asking for a diff of nothing.
      const district = compareDistrict();
      overlay.from.setVisible(false);
      overlay.to.setVisible(false);
      $('compare-from').textContent = '';
      $('compare-to').textContent = '';
      $('compare-counts').textContent = years.length
        ? `${district} 只有 ${years[0]} 年的用地保障项目清单，没有可对比的第二个年份`
        : `${district} 的报告中没有用地保障项目清单，无法对比`;
      $('compare-counts').classList.add('compare-note');
      $('compare-counts').title = '';
      $('compare-mix').hidden = true;
      $('parcel-count').textContent = '地块 0 个（两年）';
      compareExport.enable(false);
    } else if (state.compare) {
      const district = compareDistrict();
      const [fromYear, toYear] = years.slice(-2);
      $('compare-counts').classList.remove('compare-note');
      $('compare-mix').hidden = false;
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
      $('parcel-count').textContent = `地块 ${counts.parcels} 个（两年）`;
      compareExport.enable(true);
    } else {
      renderLegend($('legend'), style);
      await findLand();
      redraw();
      $('parcel-count').textContent = `地块 ${state.land ? state.land.matched : entryCount()} 个${state.land ? '' : whyEmpty()}`;
    }
    labels.changed();
    share.changed();
    if (state.selected && !shownNow(state.selected.properties)) await select(null);
    await placeProjects();
    await renderProjects($('project-list'), $('project-count'), style, state, (id) => pickParcel(id));
  }

  // Why the single-year map shows no parcel for the district and plan year chosen, when it shows none.
  function whyEmpty() {
    if (!state.district || entryCount() > 0) return '';
    const years = planYears(state.district);
    if (!years.length) return `（${state.district}的报告中没有用地保障项目清单）`;
    return `（${state.district}只有 ${years.join('、')} 年的清单）`;
  }

  // 找地: one page of matches (largest stated area first) for the list; the map shows the same ids. A refused query
  // (the server's 400) shows its reason and an empty list, never the previous matches. Only the newest request answers:
  // a slower earlier one must not overwrite it (or the form's own complaint).
  let landRequest = 0;
  async function findLand() {
    const request = ++landRequest;
    if (!finder.active()) { state.land = null; finder.render([]); landExport.enable(false); return; }
    let land;
    try {
      const { features, matched } = await queryParcels({ ...finder.filter(), planYear: state.planYear, district: state.district,
        sortby: '-areaMu', limit: LAND_LIMIT });
      land = { ids: new Set(features.map((f) => f.getId())), features, matched };
    } catch (error) {
      if (request !== landRequest) return;
      land = { ids: new Set(), features: [], matched: 0 };
      finder.showError(error.message);
    }
    if (request !== landRequest) return;
    state.land = land;
    finder.render(land.features, land.matched);
    landExport.enable(land.matched > 0);
  }

  // Exports: the 找地 matches (every one, not the listed page) and the comparison as the server writes them; the map as PNG.
  const landExport = exportButtons({ xlsx: $('land-export-xlsx'), csv: $('land-export-csv') }, '/api/parcels/export',
    () => parcelParams({ ...finder.filter(), planYear: state.planYear, district: state.district, sortby: '-areaMu' }));
  const compareExport = exportButtons({ xlsx: $('compare-export-xlsx'), csv: $('compare-export-csv') }, '/api/plans/diff',
    () => new URLSearchParams({ from: overlay.compared.fromYear, to: overlay.compared.toYear, district: overlay.compared.district }));
  $('export-png').addEventListener('click', () => exportMapPng(map, { title: mapTitle(state, overlay.compared), legend: legendRows($('legend')),
    font: style.font }).catch((error) => toast(error.message)));
  // 导出地图: the server prints the view (extent, plan year, district, the layers shown) as a PDF.
  const printable = { basemap: map.getLayers().item(0), parcels, labels: labels.layer, projects };
  printMapButton($('export-map'), map, () => ({ planYear: state.planYear, district: state.district, compare: state.compare,
    layers: Object.entries(printable).filter(([, layer]) => layer.getVisible()).map(([name]) => name) }), (text) => toast(text));

  const finder = landFinder({ use: $('land-use'), minArea: $('land-min'), maxArea: $('land-max'), available: $('land-available'), list: $('land-list'),
    counter: $('land-count'), clear: $('land-clear'), error: $('land-error') }, async () => {
    // Room for the list of matches: fold the legend (one click opens it again).
    if (finder.active()) $('legend').closest('details').open = false;
    // The finder filters the single-year map: leave the comparison for it.
    if (state.compare) { state.compare = false; setYearButtons(); }
    await reload();
    fitTo(state.land?.features ?? []);
  }, (id) => pickParcel(id));

  const fitTo = (features) => {
    const extent = features.reduce((acc, f) => (f.getGeometry() ? extend(acc, f.getGeometry().getExtent()) : acc), createEmpty());
    if (!isEmpty(extent)) map.getView().fit(extent, { padding: layout.fitPadding(), maxZoom: 16, duration: 400 });
  };

  // Opens a parcel chosen from a list or a link, first changing the filters that would hide it.
  async function pickParcel(id) {
    const { properties } = await fetchParcel(id);
    if (!shownNow(properties)) {
      state.compare = false;
      if (state.planYear && properties.planYear !== Number(state.planYear)) state.planYear = '';
      if (state.district && properties.district !== state.district) { state.district = ''; $('district').value = ''; }
      if (state.land && !state.land.ids.has(id)) finder.reset();
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
  $('compare-mix').addEventListener('input', (e) => { mixOverlay(overlay, Number(e.target.value)); labels.changed(); });
  // Choosing a district zooms to it, also when it has no parcel to show (the count then says why).
  $('district').addEventListener('change', async (e) => {
    state.district = e.target.value;
    await reload();
    const bbox = extents.get(state.district);
    if (bbox) map.getView().fit(transformExtent(bbox, 'EPSG:4326', 'EPSG:3857'), { padding: layout.fitPadding(60), duration: 400 });
  });
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

  // Search: the first page of matches (in the plan year and district shown), listed under the box; the map zooms to them
  // and opens the first.
  const results = searchResults($('search-results'), (id) => pickParcel(id));
  $('search').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = $('search-text').value.trim();
    if (!q) return;
    const { features, matched } = await queryParcels({ q, planYear: state.planYear, district: state.district, limit: SEARCH_LIMIT });
    results.show(q, features, matched);
    if (!features.length) { toast(`未找到“${q}”`); return; }
    $('search-message').hidden = true;
    fitTo(features);
    await select(features[0].getId());
  });

  const measure = measureTool(map, { buttons: { distance: $('measure-distance'), area: $('measure-area') },
    result: $('measure-result'), hint: $('measure-hint') });
  const isParcelLayer = (l) => parcelLayers.includes(l);
  // What a click identifies: the project symbols, then the parcels of the years shown (a year faded out by the
  // comparison's slider is not shown), smallest first.
  const identifySources = [projectHits(projects, style), parcelHits((l) => isParcelLayer(l) && l.getOpacity() > 0), layerHits(bureau)];
  // The bureau-layer features under a click, in the panel below the parcel's list, or alone when no parcel is there.
  const showLayerHits = (hits) => {
    if (!hits.some((h) => h.layer != null)) return;
    if (state.selectedId == null) {
      $('panel-here').hidden = true;
      $('panel-body').innerHTML = '';
    }
    renderLayerHits($('panel-layers'), hits);
    $('panel').hidden = false;
    layout.panelShown();
  };
  // A click opens the symbol's parcel, else the smallest parcel under the pointer (the school, not the 片区 around it);
  // the panel lists everything there.
  map.on('singleclick', async (e) => {
    // While an outline is drawn or edited, or a distance measured, clicks on the map belong to the tool: they neither
    // close nor change the panel.
    if (review.active || measure.active) return;
    const all = identify(map, e.pixel, identifySources);
    const hits = all.filter((h) => h.parcelId != null);
    await select(hits[0]?.parcelId ?? null, { hits, hit: hits[0]?.key });
    showLayerHits(all);
  });
  // The pointer read-out in the chosen datum (datums.js): the map is WGS 84, 高德/腾讯 show GCJ-02, 百度 BD-09.
  const datumChoice = $('coord-datum');
  datumChoice.value = savedDatum();
  let lastLonLat = null;
  const showLonLat = () => {
    if (lastLonLat) $('coord-wgs84').textContent = formatLonLat(datumChoice.value, ...lastLonLat);
  };
  datumChoice.addEventListener('change', () => { saveDatum(datumChoice.value); showLonLat(); });
  map.on('pointermove', (e) => {
    lastLonLat = toLonLat(e.coordinate);
    const zone = zoneOf(lastLonLat[0]);
    const [x, y] = transform(e.coordinate, 'EPSG:3857', zone.code);
    showLonLat();
    $('coord-zone').textContent = zoneLabel(zone);
    $('coord-gk').textContent = `X(北) ${y.toFixed(2)} m, Y(东) ${x.toFixed(2)} m`;
    const symbol = map.forEachFeatureAtPixel(e.pixel, (f) => f, { layerFilter: (l) => l === projects, hitTolerance: 2 });
    map.getTargetElement().title = symbol ? `${symbol.get('name')}（${style.parcels.stages[symbol.get('stage')]?.name ?? '阶段未知'}）` : '';
    map.getTargetElement().style.cursor = measure.active ? 'crosshair'
      : symbol || map.hasFeatureAtPixel(e.pixel, { layerFilter: isParcelLayer }) ? 'pointer' : '';
  });
  map.getView().on('change:resolution', () => { $('zoom-level').textContent = `缩放 ${map.getView().getZoom().toFixed(1)}`; });
  $('zoom-level').textContent = `缩放 ${map.getView().getZoom().toFixed(1)}`;

  // The plan year, district and parcel of a shared link (share.js); the view it names is already set.
  async function openShared(shared) {
    state.compare = shared.year === 'compare';
    if (!state.compare) state.planYear = [...document.querySelectorAll('#plan-year button[data-year]')].some((b) => b.dataset.year === shared.year) ? shared.year : '';
    state.district = districts.includes(shared.district) ? shared.district : '';
    $('district').value = state.district;
    setYearButtons();
    await reload();
    if (shared.parcel) await select(shared.parcel).catch(() => { select(null); toast('链接中的地块不存在或未公开'); });
  }

  await openShared(share.opened());
  await auth.restore();
  // Test hook for the browser tests: the map, its layers, what is selected, and the parcels a layer draws in the view
  // (tile features its style gives a style to, one entry per parcel).
  const rendered = (layer = parcels) => {
    const resolution = map.getView().getResolution();
    const seen = new globalThis.Map();
    for (const f of layer.getFeaturesInExtent(map.getView().calculateExtent(map.getSize()))) {
      if (!seen.has(f.getId()) && layer.getStyleFunction()(f, resolution)) seen.set(f.getId(), { ...f.getProperties(), id: f.getId() });
    }
    return [...seen.values()];
  };
  const keyboard = keyboardControls({ panel: $('panel'), closeOverlays: layout.closeOverlays, closePanel: () => select(null) });
  viewParcelList({ button: $('open-view-list'), onPick: async (id) => { await pickParcel(id); keyboard.focusPanel(); },
    parcels: () => {
      // In the comparison the two years' layers draw the parcels, one entry per parcel.
      const drawn = state.compare ? [...rendered(overlay.from), ...rendered(overlay.to)] : rendered();
      return [...new globalThis.Map(drawn.map((p) => [p.id, p])).values()];
    } });
  window.landmap = { map, parcels, overlay, projects, charts, state, select, auth, review, queue, rendered, labels: labels.drawn, measure, bureau,
    fitLonLat: (box) => map.getView().fit(transformExtent(box, 'EPSG:4326', 'EPSG:3857'), { padding: [60, 60, 60, 60] }) };
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  console.error(error);
  document.body.dataset.ready = 'error';
});
