#!/usr/bin/env bash
# QGIS as a client of the OGC API and the vector tiles (tests/LandMap.Server.Tests/Ogc/QgisClientTests): Debian's
# python3-qgis 3.22 with its data providers (OAPIF, vector tiles), headless (QT_QPA_PLATFORM=offscreen), no desktop.
# A large install (about 150 packages, 3 minutes here), so it is its own step. Idempotent.
set -euo pipefail
wanted=(python3-qgis qgis-providers)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "qgis: installing ${missing[*]} (a few minutes)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
/usr/bin/python3 -c "from qgis.core import Qgis; print('qgis:', Qgis.QGIS_VERSION)"
