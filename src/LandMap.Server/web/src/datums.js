// WGS 84 → GCJ-02 (高德, 腾讯) and BD-09 (百度), the published forward formulas — the same as LandMap.Core's
// ChinaWebDatums (GCJ-02 on the Krasovsky ellipsoid; BD-09 a rotation and shift of GCJ-02). Outside the published
// rectangle around China GCJ-02 is WGS 84. Positions are [lon, lat] in degrees.

const A = 6378245.0;
const EE = 0.00669342162296594323;
const BD_FACTOR = (Math.PI * 3000.0) / 180.0;

export function insideChina(lon, lat) {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function transformLat(x, y) {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLon(x, y) {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

export function wgs84ToGcj02(lon, lat) {
  if (!insideChina(lon, lat)) return [lon, lat];
  let dLat = transformLat(lon - 105.0, lat - 35.0);
  let dLon = transformLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

export function gcj02ToBd09(lon, lat) {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD_FACTOR);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD_FACTOR);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

export function wgs84ToBd09(lon, lat) {
  const [gLon, gLat] = wgs84ToGcj02(lon, lat);
  return gcj02ToBd09(gLon, gLat);
}

// The read-out's choices: the map is WGS 84; 高德/腾讯 and 百度 users compare with their apps' coordinates.
export const DATUMS = {
  wgs84: { label: 'WGS 84', convert: (lon, lat) => [lon, lat] },
  gcj02: { label: 'GCJ-02（高德、腾讯）', convert: wgs84ToGcj02 },
  bd09: { label: 'BD-09（百度）', convert: wgs84ToBd09 },
};

// The chosen datum, kept across visits.
const KEY = 'landmap.coordDatum';

export function savedDatum() {
  try {
    const saved = localStorage.getItem(KEY);
    return saved in DATUMS ? saved : 'wgs84';
  } catch {
    return 'wgs84';
  }
}

export function saveDatum(datum) {
  try {
    localStorage.setItem(KEY, datum);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function formatLonLat(datum, lon, lat) {
  const [x, y] = (DATUMS[datum] ?? DATUMS.wgs84).convert(lon, lat);
  return `${x.toFixed(6)}°E, ${y.toFixed(6)}°N`;
}
