namespace LandMap.Data.Postgis;

public sealed partial class PostgisParcelStore : IParcelTileEncoder
{
    // Web Mercator's circumference: a z-level tile is this / 2^z metres wide.
    private const double MercatorWorldMetres = 40_075_016.685_578_49;
    private const int MvtExtent = 4096;
    // How often an over-cap tile is rebuilt with a 4× higher polygon floor before it is served as it is.
    private const int MaxCapRetries = 6;

    /// <inheritdoc />
    /// <remarks>
    /// The same filter SQL as every parcel query (<see cref="Sql.SqlParcelStore.Filter"/>), so the tile shows exactly
    /// what a query of its box returns. Attributes as <c>LandMap.Tiles.Sources.ParcelTileSource</c> writes them; MVT has
    /// no null, and ST_AsMVT leaves a NULL attribute out as NetTopologySuite's path does.
    /// </remarks>
    public Task<byte[]> EncodeParcelTileAsync(ParcelTileRequest request, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
        {
            var (where, parameters, _) = Filter(request.Filter with { Intersects = null });
            var sql =
                $"""
                SELECT ST_AsMVT(t, @layer, {MvtExtent}, 'geom', 'fid') FROM (
                  SELECT p.public_id AS fid, p.public_id AS id, e.name, e.seq, g.status, round(g.confidence::numeric, 3)::float8 AS confidence,
                         COALESCE(r.plan_year, 0) AS "planYear", COALESCE(r.district, '') AS district, COALESCE(e.land_use, 'unclassified') AS "landUse",
                         p.review_status AS "reviewStatus", e.area_mu::float8 AS "areaMu", round(g.area_mu_computed::numeric, 2)::float8 AS "areaMuComputed",
                         p.project_stage AS "projectStage",
                         ST_AsMVTGeom(m.geom, ST_TileEnvelope(@z, @x, @y), {MvtExtent}, @buffer, true) AS geom
                  {ParcelFrom}
                  CROSS JOIN LATERAL (SELECT ST_Transform(g.geom, 3857) AS geom) m
                  {where} AND (GeometryType(g.geom) NOT IN ('POLYGON', 'MULTIPOLYGON') OR ST_Area(m.geom) >= @min_area)
                ) t WHERE t.geom IS NOT NULL
                """;
            var pixel = MercatorWorldMetres / Math.Pow(2, request.Z) / 256;
            var floor = request.MinPolygonAreaPixels * pixel * pixel;
            for (var attempt = 0; ; attempt++)
            {
                var command = Command(c, null, sql, [.. parameters, ("layer", request.LayerName), ("z", request.Z), ("x", request.X), ("y", request.Y),
                    ("buffer", request.BufferUnits), ("min_area", floor)]);
                var tile = await command.ExecuteScalarAsync(cancellationToken) as byte[] ?? [];
                // Drop the smallest polygons until the tile fits, as the NetTopologySuite path does feature by feature.
                if (tile.Length <= request.MaxBytes || attempt == MaxCapRetries) return tile;
                floor = Math.Max(floor, pixel * pixel) * 4;
            }
        }, cancellationToken);
}
