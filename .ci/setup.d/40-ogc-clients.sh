#!/usr/bin/env bash
# Real clients of the OGC API (/ogc): GDAL's OAPIF driver (gdal-bin) and OWSLib (python3-owslib), both from Debian.
# Idempotent: installs only what is missing. The tests run OWSLib with Debian's /usr/bin/python3.
set -euo pipefail
wanted=(gdal-bin python3-owslib)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "ogc clients: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "LANDMAP_PYTHON=/usr/bin/python3" >> "${CI_ENV:-/dev/null}"
