#!/usr/bin/env bash
# PostgreSQL 15 + PostGIS 3 on loopback for the PostGIS contract tests, and gdal-bin (ogrinfo) for the export tests.
# Idempotent: installs only what is missing, starts the cluster only when it is down, creates the role and database
# only once. Appends LANDMAP_TEST_PG to $CI_ENV, which .ci/run sources before the tests.
set -euo pipefail

packages=(postgresql-15 postgresql-15-postgis-3 gdal-bin)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "postgis: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's package creates cluster 15/main; create it if a previous setup removed it.
if ! pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main"' | grep -q .; then
  pg_createcluster 15 main >/dev/null
fi
if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster 15 main start
fi
port="$(pg_lsclusters -h | awk '$1 == "15" && $2 == "main" {print $3}')"

user=landmap
password=landmap-ci
database=landmap_test
psql_admin() { su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qtAX $*"; }

# Wait for the server to accept connections (a just-started cluster may take a moment).
for _ in $(seq 1 30); do
  psql_admin "-c 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$user'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE $user LOGIN PASSWORD '$password'\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$database'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE $database OWNER $user\""
fi
psql_admin "-d $database -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS postgis'"

echo "postgis: PostgreSQL on 127.0.0.1:$port, database $database"
if [ -n "${CI_ENV:-}" ]; then
  echo "LANDMAP_TEST_PG='Host=127.0.0.1;Port=$port;Database=$database;Username=$user;Password=$password'" >> "$CI_ENV"
fi
