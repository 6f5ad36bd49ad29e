"""OWSLib (Debian python3-owslib) as a client of LandMap's /ogc: prints what it read as one JSON object.

Usage: python3 owslib_client.py http://127.0.0.1:PORT/ogc
"""
import json
import sys

from owslib.ogcapi.features import Features

service = Features(sys.argv[1])
landing = service.links
collections = service.collections()["collections"]
queryables = service.collection_queryables("parcels")
filtered = service.collection_items("parcels", limit=10000, planYear=2023, district="卫东区")
first_page = service.collection_items("parcels", limit=7)
metres = service.collection_items("parcels", limit=1, crs="http://www.opengis.net/def/crs/EPSG/0/4547")
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
    "metresFirstVertex": metres["features"][0]["geometry"]["coordinates"][0][0],
    "metresId": metres["features"][0]["id"],
}, ensure_ascii=False))
