// The metric plane of a place, as the server chooses it (LandMap.Core MetricPlane): the CGCS2000 3° Gauss-Krüger zone
// without zone prefix whose central meridian is nearest (CM = 3° × round(lon / 3), EPSG:4534–4554, clamped to China's
// zones 25–45). Pingdingshan (113.3°E) is EPSG:4547, CM 114°E; Beijing (116.4°E) EPSG:4548, CM 117°E.

const FIRST_EPSG = 4534;
const FIRST_ZONE = 25;
const LAST_ZONE = 45;

// Every zone as a proj4 definition (call before ol/proj/proj4's register).
export function defineZones(proj4) {
  for (let zone = FIRST_ZONE; zone <= LAST_ZONE; zone++) {
    proj4.defs(`EPSG:${FIRST_EPSG + zone - FIRST_ZONE}`,
      `+proj=tmerc +lat_0=0 +lon_0=${3 * zone} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs`);
  }
}

// The zone of a longitude (degrees east): { code: 'EPSG:4548', meridian: 117 }.
export function zoneOf(lon) {
  const zone = Math.min(LAST_ZONE, Math.max(FIRST_ZONE, Math.round(lon / 3)));
  return { code: `EPSG:${FIRST_EPSG + zone - FIRST_ZONE}`, meridian: 3 * zone };
}

// The label the sheets print: CGCS2000 / 3° GK CM 117°E (EPSG:4548).
export const zoneLabel = (z) => `CGCS2000 / 3° GK CM ${z.meridian}°E (${z.code})`;
