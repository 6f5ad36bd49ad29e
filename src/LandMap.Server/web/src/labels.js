// Parcel labels as their own layer: one point per parcel (the middle of its extent as the loaded tiles of the view's
// zoom show it), decluttered so labels never overprint each other, larger parcels first. The tile layer keeps drawing
// every fill, outline and point symbol; only the labels give way. The layer shares the basemap's declutter group and
// lies above it, so road and place names make room for parcel labels, not the reverse.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import { Fill, Stroke, Style, Text } from 'ol/style.js';
import { createEmpty, extend, getCenter, getIntersection } from 'ol/extent.js';
import { renderedArea, zoomOf } from './parcels.js';

// The area a label's priority goes by: the outline's computed area, else the stated one, else (points, no figure) none.
const priority = (f) => f.get('areaMuComputed') ?? f.get('areaMu') ?? 0;

// `labelOf(feature)` is what the map as it stands writes for a parcel ({ text, color }), or null where it shows none
// (filters, the comparison's years); `selectedId()` the parcel whose label goes first. Labels start at
// style.parcels.label.minZoom, the selected one at any zoom.
export function parcelLabelLayer(style, tiles, { labelOf, selectedId }) {
  const spec = style.parcels.label;
  // z → id → label feature, for the zooms whose tiles were loaded; the source holds the view's zoom only.
  const byZoom = new Map();
  const source = new VectorSource();
  let shownZ = null;
  const tileZ = (resolution) => Math.min(tiles.getTileGrid().getZForResolution(resolution, tiles.zDirection), tiles.getTileGrid().getMaxZoom());

  tiles.on('tileloadend', ({ tile }) => {
    const z = tile.getTileCoord()[0];
    const tileExtent = tiles.getTileGrid().getTileCoordExtent(tile.getTileCoord());
    if (!byZoom.has(z)) byZoom.set(z, new Map());
    const labels = byZoom.get(z);
    // Parcels seen while panning a city: start again rather than grow without bound.
    if (labels.size > 50000) { labels.clear(); if (z === shownZ) source.clear(); }
    for (const part of tile.getFeatures?.() ?? []) {
      const id = part.getId();
      if (id == null) continue;
      // A tile holds its part of the parcel and a buffer: only the part inside the tile counts.
      const inside = getIntersection(part.getExtent(), tileExtent);
      if (!(inside[0] <= inside[2] && inside[1] <= inside[3])) continue;
      let label = labels.get(id);
      if (!label) {
        label = new Feature({ ...part.getProperties(), extent: createEmpty(), point: part.getType() === 'Point' });
        label.setId(id);
        labels.set(id, label);
        if (z === shownZ) source.addFeature(label);
      }
      // Points keep no computed area: the drawn area of a polygon's parts orders them among themselves.
      label.set('drawnArea', (label.get('drawnArea') ?? 0) + renderedArea(part), true);
      const extent = extend(label.get('extent'), inside);
      label.setGeometry(new Point(getCenter(extent)));
    }
  });

  const layer = new VectorLayer({
    source,
    declutter: true,
    // Larger parcels are drawn first, and in a declutter group what is drawn first wins.
    renderOrder: (a, b) => priority(b) - priority(a) || b.get('drawnArea') - a.get('drawnArea') || a.getId() - b.getId(),
    updateWhileInteracting: true,
    properties: { name: 'parcel-labels' },
    style: (feature, resolution) => {
      const selected = feature.getId() === selectedId();
      if (!selected && zoomOf(resolution) < spec.minZoom) return undefined;
      const label = labelOf(feature);
      if (!label) return undefined;
      return new Style({
        text: new Text({
          text: label.text,
          font: `${selected ? 'bold ' : ''}${spec.size}px ${style.font}`,
          fill: new Fill({ color: label.color ?? spec.textColor }),
          stroke: new Stroke({ color: spec.halo, width: 3 }),
          padding: [1, 3, 1, 3],
          // An entry placed as a point: the label goes under its symbol.
          offsetY: feature.get('point') ? 14 : 0,
        }),
        // The selected parcel's label goes first of all.
        zIndex: selected ? 2 : 1,
      });
    },
  });

  // The source follows the view's tile zoom: a label's point is where that zoom's tiles put it.
  const follow = (map) => {
    const z = tileZ(map.getView().getResolution());
    if (z === shownZ) return;
    shownZ = z;
    source.clear(true);
    source.addFeatures([...(byZoom.get(z)?.values() ?? [])]);
  };
  // The labels the last frame drew: their boxes in pixels, parcel and text (for the tests).
  let drawn = [];
  return {
    layer,
    attach(map) {
      follow(map);
      map.getView().on('change:resolution', () => follow(map));
      map.on('postrender', (e) => {
        const tree = e.frameState.declutter?.[layer.getDeclutter()];
        drawn = (tree?.all() ?? []).filter((item) => source.hasFeature(item.value)).map((item) => ({ id: item.value.getId(),
          name: item.value.get('name'), text: labelOf(item.value)?.text, box: [item.minX, item.minY, item.maxX, item.maxY] }));
      });
    },
    drawn: () => drawn,
    // After a write the tiles are loaded again: the labels with them.
    reset() { byZoom.clear(); source.clear(); },
    changed: () => layer.changed(),
  };
}
