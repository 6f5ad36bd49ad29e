"""OWSLib (Debian python3-owslib) as a client of LandMap's /ogc: prints what it read as one JSON object.

Usage: python3 owslib_client.py http://127.0.0.1:PORT/ogc LAYER_COLLECTION_ID
"""
import json
import sys

from owslib.ogcapi.features import Features



def first_position(coordinates):
    """The first [x, y] of any geometry's coordinates (a point, a line, a polygon, a multi-part)."""
    while isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    return coordinates


service = Features(sys.argv[1])
landing = service.links
collections = service.collections()["collections"]
queryables = service.collection_queryables("parcels")
filtered = service.collection_items("parcels", limit=10000, planYear=2023, district="卫东区")
first_page = service.collection_items("parcels", limit=7)
metres = service.collection_items("parcels", limit=1, crs="http://www.opengis.net/def/crs/EPSG/0/4547")
# Part 3: OWSLib 0.27 passes filter (and any other keyword) as a query parameter of the items request.
cql = service.collection_items("parcels", limit=10000, filter="planYear = 2023 AND name LIKE '%产业园%'", **{"filter-lang": "cql2-text"})
spatial = service.collection_items("parcels", limit=10000, filter="S_INTERSECTS(geometry, BBOX(113.35, 33.74, 113.40, 33.77))")
# An imported layer: its own fields as queryables, a CQL2 filter and an equality parameter on them.
layer = sys.argv[2]
layer_queryables = service.collection_queryables(layer)
layer_cql = service.collection_items(layer, limit=100, filter="DLMC LIKE '%林%' AND QSDWMC = '东高皇村'")
layer_param = service.collection_items(layer, limit=100, DLBM="0101")
try:
    service.collection_items("parcels", filter="planYear = 2023 ANDD district = 'x'")
    refused = ""
except RuntimeError as error:  # OWSLib raises the 400 body
    refused = str(error)
print(json.dumps({
    "landingRels": sorted(link["rel"] for link in landing),
    "conformsTo": service.conformance()["conformsTo"],
    "collections": [c["id"] for c in collections],
    "queryables": sorted(queryables["properties"].keys()),
    "filteredMatched": filtered["numberMatched"],
    "filteredIds": sorted(f["id"] for f in filtered["features"]),
    "filteredNames": sorted(f["properties"]["name"] for f in filtered["features"]),
    "firstPageReturned": first_page["numberReturned"],
    "firstPageNext": any(link["rel"] == "next" for link in first_page["links"]),
    "metresFirstVertex": first_position(metres["features"][0]["geometry"]["coordinates"]),
    "metresId": metres["features"][0]["id"],
    "queryableTypes": {k: v.get("type", v.get("format")) for k, v in queryables["properties"].items()},
    "cqlMatched": cql["numberMatched"],
    "cqlIds": sorted(f["id"] for f in cql["features"]),
    "spatialIds": sorted(f["id"] for f in spatial["features"]),
    "refused": refused,
    "layerQueryableTypes": {k: v.get("type", v.get("format")) for k, v in layer_queryables["properties"].items()},
    "layerCqlMatched": layer_cql["numberMatched"],
    "layerCqlBsm": sorted(f["properties"]["BSM"] for f in layer_cql["features"]),
    "layerParamBsm": sorted(f["properties"]["BSM"] for f in layer_param["features"]),
}, ensure_ascii=False))
