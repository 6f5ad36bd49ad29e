#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser download fails offline).
# Idempotent: installs only what is missing. npm ci runs through the .NET build of LandMap.Server.
set -euo pipefail
# gdal-bin: the tile tests open the .pbf files with GDAL's MVT driver as an independent reader.
wanted=(chromium fonts-wqy-microhei gdal-bin)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "web: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
command -v npm >/dev/null || { echo "web: npm is required to build the page (src/LandMap.Server/web)" >&2; exit 1; }
echo "LANDMAP_CHROMIUM=/usr/bin/chromium" >> "${CI_ENV:-/dev/null}"
