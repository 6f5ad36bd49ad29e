"""QGIS (Debian's python3-qgis, headless) as a client of a running LandMap server.

Usage: qgis_client.py BASE_URL PNG_OUT LAYER_COLLECTION_ID
Adds the parcels collection of /ogc and an imported layer's collection as OAPIF layers, and the parcel vector tiles (/tiles/parcels, and the same tiles
through OGC API - Tiles) as vectortile layers, as a bureau would in QGIS's "WFS / OGC API - Features" and "Vector Tiles" connections, reads every feature,
and renders both to PNG_OUT. Prints one JSON object: counts, one feature's attributes, the layers' CRS and extent.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402  (the environment must be set before Qt loads)
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsVectorLayer,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def render(layers, crs, extent, size):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(crs)
    settings.setExtent(extent)
    settings.setOutputSize(size)
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def drawn(image):
    """Pixels that are not the white background."""
    white = QColor(255, 255, 255).rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) != white)


def main(base, png, layer_id):
    app = QgsApplication([], False)
    app.initQgis()
    try:
        result = {"qgis": Qgis.QGIS_VERSION}
        parcels = QgsVectorLayer(f"url='{base}/ogc' typename='parcels' pageSize='7'", "LandMap 地块", "OAPIF")
        result["oapifValid"] = parcels.isValid()
        if not parcels.isValid():
            result["error"] = parcels.error().summary()
            print(json.dumps(result, ensure_ascii=False))
            return 1
        features = list(parcels.getFeatures())
        result["featureCount"] = len(features)
        result["fields"] = [f.name() for f in parcels.fields()]
        park = next((f for f in features if f["id"] == 410403202300001), None)
        result["park"] = None if park is None else {n: str(park[n]) for n in ("id", "name", "district", "landUseName", "planYear")}
        result["crs"] = parcels.crs().authid()

        # An imported layer (三调) as a bureau adds it: the same connection, its collection id as typename.
        survey = QgsVectorLayer(f"url='{base}/ogc' typename='{layer_id}' pageSize='7'", "三调地类图斑", "OAPIF")
        result["layerValid"] = survey.isValid()
        if survey.isValid():
            plots = list(survey.getFeatures())
            result["layerFeatureCount"] = len(plots)
            result["layerFields"] = [f.name() for f in survey.fields()]
            plot = next((f for f in plots if f["BSM"] == "410403000007"), None)
            result["layerPlot"] = None if plot is None else {n: str(plot[n]) for n in ("BSM", "DLBM", "DLMC", "QSDWMC", "TBMJ")}
            survey.renderer().symbol().setColor(QColor(56, 168, 0, 150))
        else:
            result["layerError"] = survey.error().summary()

        tiles = QgsVectorTileLayer(f"type=xyz&url={base}/tiles/parcels/{{z}}/{{x}}/{{y}}.pbf&zmin=0&zmax=16", "LandMap 地块瓦片")
        result["vectorTileValid"] = tiles.isValid()
        # QGIS 3.22 has no OGC API - Tiles connection; it reads the tileset's item template as an XYZ URL ({tileRow} = y).
        ogc = QgsVectorTileLayer(
            f"type=xyz&url={base}/ogc/collections/parcels/tiles/WebMercatorQuad/{{z}}/{{y}}/{{x}}&zmin=0&zmax=16", "LandMap OGC 瓦片")
        result["ogcTileValid"] = ogc.isValid()

        project = QgsProject.instance()
        project.addMapLayers([tiles, ogc, survey, parcels])
        mercator = QgsCoordinateReferenceSystem("EPSG:3857")
        extent = QgsCoordinateTransform(parcels.crs(), mercator, project).transformBoundingBox(parcels.extent())
        extent.scale(1.1)
        result["extent3857"] = [extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()]
        # Each layer alone, small, to count what it drew; then both, large, for a person to look at.
        result["oapifPixels"] = drawn(render([parcels], mercator, extent, QSize(400, 300)))
        result["vectorTilePixels"] = drawn(render([tiles], mercator, extent, QSize(400, 300)))
        result["ogcTilePixels"] = drawn(render([ogc], mercator, extent, QSize(400, 300)))
        result["layerPixels"] = drawn(render([survey], mercator, extent, QSize(400, 300))) if survey.isValid() else 0
        result["saved"] = render([parcels, survey, tiles], mercator, extent, QSize(1200, 900)).save(png, "png")
        print(json.dumps(result, ensure_ascii=False))
        return 0
    finally:
        app.exitQgis()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]))
