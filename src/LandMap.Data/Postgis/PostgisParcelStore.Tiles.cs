namespace LandMap.Data.Postgis;

public sealed partial class PostgisParcelStore : IParcelTileEncoder
{
    // Web Mercator's circumference: a z-level tile is this / 2^z metres wide.
    private const double MercatorWorldMetres = 40_075_016.685_578_49;
    private const int MvtExtent = 4096;
    // How often an over-cap tile is rebuilt with half as many parcels (the largest) before it is served as it is.
    private const int MaxCapRetries = 6;

    /// <inheritdoc />
    /// <remarks>
    /// The same filter SQL as every parcel query (<see cref="Sql.SqlParcelStore.Filter"/>), so the tile shows exactly
    /// what a query of its box returns, at most the filter's limit of them, the largest first (as a query sorted by
    /// <see cref="ParcelSort.OutlineAreaDescending"/> returns them). Attributes as <c>LandMap.Tiles.Sources.ParcelTileSource</c> writes them; MVT has
    /// no null, and ST_AsMVT leaves a NULL attribute out as NetTopologySuite's path does.
    /// </remarks>
    public Task<EncodedParcelTile> EncodeParcelTileAsync(ParcelTileRequest request, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
        {
            var (where, parameters, _) = Filter(request.Filter with { Intersects = null });
            // One statement reads the rows once for both the tile and the fingerprint (which covers every row the filter selects).
            var sql =
                $"""
                WITH selected AS (
                  SELECT p.public_id AS fid, p.public_id AS id, e.name, e.seq, g.status, round(g.confidence::numeric, 3)::float8 AS confidence,
                         COALESCE(r.plan_year, 0) AS "planYear", COALESCE(r.district, '') AS district, COALESCE(e.land_use, 'unclassified') AS "landUse",
                         p.review_status AS "reviewStatus", e.area_mu::float8 AS "areaMu", round(g.area_mu_computed::numeric, 2)::float8 AS "areaMuComputed",
                         p.project_stage AS "projectStage", g.geom AS wgs84, p.id AS row_id, {ParcelFingerprint.SqlRow} AS fingerprint_row
                  {ParcelFrom}
                  {where}
                  ORDER BY {OutlineAreaOrder} LIMIT @budget
                )
                SELECT
                  (SELECT ST_AsMVT(t, @layer, {MvtExtent}, 'geom', 'fid') FROM (
                     SELECT fid, id, name, seq, status, confidence, "planYear", district, "landUse", "reviewStatus", "areaMu", "areaMuComputed", "projectStage",
                            ST_AsMVTGeom(m.geom, ST_TileEnvelope(@z, @x, @y), {MvtExtent}, @buffer, true) AS geom
                     FROM (SELECT * FROM selected ORDER BY COALESCE("areaMuComputed", 0) DESC, row_id LIMIT @keep) s
                     CROSS JOIN LATERAL (SELECT ST_Transform(wgs84, 3857) AS geom) m
                     WHERE GeometryType(wgs84) NOT IN ('POLYGON', 'MULTIPOLYGON') OR ST_Area(m.geom) >= @min_area) t
                   WHERE t.geom IS NOT NULL),
                  (SELECT string_agg(fingerprint_row, ',' ORDER BY row_id) FROM selected)
                """;
            var pixel = MercatorWorldMetres / Math.Pow(2, request.Z) / 256;
            var floor = request.MinPolygonAreaPixels * pixel * pixel;
            var budget = request.Filter.Limit;
            for (var (attempt, keep) = (0, budget); ; attempt++, keep /= 2)
            {
                var command = Command(c, null, sql, [.. parameters, ("layer", request.LayerName), ("z", request.Z), ("x", request.X), ("y", request.Y),
                    ("buffer", request.BufferUnits), ("min_area", floor), ("budget", budget), ("keep", keep)]);
                byte[] tile;
                string rows;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    await reader.ReadAsync(cancellationToken);
                    tile = reader.IsDBNull(0) ? [] : (byte[])reader.GetValue(0);
                    rows = reader.IsDBNull(1) ? "" : reader.GetString(1);
                }
                // Keep half as many (the largest) until the tile fits, as the NetTopologySuite path drops the smallest first.
                if (tile.Length <= request.MaxBytes || attempt == MaxCapRetries || keep <= 1)
                    return new EncodedParcelTile(tile, rows.Length == 0 ? ParcelFingerprint.Empty : ParcelFingerprint.Of(rows.Split(',')));
            }
        }, cancellationToken);
}
