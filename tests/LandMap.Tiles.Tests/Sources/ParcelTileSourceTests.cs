using LandMap.Core.Crs;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;
using LandMap.Data;
using LandMap.Data.Review;
using LandMap.Tiles.Sources;
using LandMap.Tiles.Vector;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace LandMap.Tiles.Tests.Sources;

/// <summary>
/// The store's parcel tiles on a real SQLite file and on the PostGIS server CI starts (LandMap's encoder either way; on
/// PostGIS also ST_AsMVT in the database): both hold the same parcels with the same ids and attributes, leave out what a zoom cannot show,
/// and follow a write at once.
/// </summary>
public sealed class ParcelTileSourceTests
{
    private const double Lon = 113.30, Lat = 33.70;
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    // 2030 卫东区: squares of these areas (亩) in a row eastwards, then a point entry, then one a reviewer rejects.
    private static readonly double[] SquareAreasMu = [300, 100, 40, 10, 2];

    [Fact]
    public Task SqliteTilesHoldTheParcelsAZoomCanShow() => WithStore(SqliteDb(), CheckTilesHoldTheParcelsAZoomCanShow);

    [PostgisFact]
    public Task PostgisTilesHoldTheParcelsAZoomCanShow() => WithPostgis(CheckTilesHoldTheParcelsAZoomCanShow);

    [Fact]
    public Task SqliteTileFollowsAGeometrySave() => WithStore(SqliteDb(), CheckTileFollowsAGeometrySave);

    [PostgisFact]
    public Task PostgisTileFollowsAGeometrySave() => WithPostgis(CheckTileFollowsAGeometrySave);

    [PostgisFact]
    public async Task PostgisAndSqliteWriteTheSameFeatures()
    {
        var sqlite = SqliteDb();
        var schema = "landmap_tiles_" + Guid.NewGuid().ToString("N")[..10];
        try
        {
            await using var a = await ParcelStoreFactory.OpenAsync(sqlite);
            await using var b = await ParcelStoreFactory.OpenAsync(await TestPostgis.CreateSchemaAsync(schema));
            foreach (var store in new[] { a, b }) await FillAsync(store);
            foreach (var z in new[] { 10, 12, 14, 16 })
            {
                var fromSqlite = await ParcelsOver(new ParcelTileSource(a), z);
                Assert.NotEmpty(fromSqlite);
                // PostGIS both ways: its rows encoded by LandMap (the default) and the tile encoded in the database (ST_AsMVT).
                foreach (var inDatabase in new[] { false, true })
                {
                    var fromPostgis = await ParcelsOver(new ParcelTileSource(b, encodeInDatabase: inDatabase), z);
                    Assert.Equal(fromSqlite.Keys.Order(), fromPostgis.Keys.Order());
                    foreach (var (id, attributes) in fromSqlite)
                    {
                        var other = fromPostgis[id];
                        Assert.Equal(attributes.Keys.Order(), other.Keys.Order());
                        foreach (var key in attributes.Keys)
                            Assert.True(Same(attributes[key], other[key]), $"z{z} parcel {id} {key}: SQLite {attributes[key]} vs PostGIS (in database: {inDatabase}) {other[key]}");
                    }
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await TestPostgis.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public Task SqliteTileKeepsTheLargestParcelsUpToItsLimit() => WithStore(SqliteDb(), CheckTileKeepsTheLargestParcelsUpToItsLimit);

    [PostgisFact]
    public Task PostgisTileKeepsTheLargestParcelsUpToItsLimit() => WithPostgis(CheckTileKeepsTheLargestParcelsUpToItsLimit);

    [Fact]
    public void AreaFloorLeavesTheEncodersDecisionAlone()
    {
        // The SQL floor must never drop a polygon the encoder would keep: at any zoom and latitude, a polygon of exactly
        // the floor's area is below one pixel of the tile at its smallest (farthest from the equator).
        foreach (var lat in new[] { 0.0, 22.5, 33.7, 45.0, 53.5 })
            foreach (var z in new[] { 4, 10, 12, 14, 16, 20 })
            {
                var tile = TileAddress.At(Lon, lat, z);
                var floorM2 = ParcelTileSource.AreaFloorMu(tile, 1)!.Value * 10_000 / 15;
                var pixelAtCentre = 40_075_016.685578 / Math.Pow(2, z) / 256 * Math.Cos(lat * Math.PI / 180);
                Assert.InRange(floorM2, 0.3 * pixelAtCentre * pixelAtCentre, 0.55 * pixelAtCentre * pixelAtCentre);
            }
        Assert.Null(ParcelTileSource.AreaFloorMu(TileAddress.At(Lon, Lat, 10), 0));
    }

    private static async Task CheckTilesHoldTheParcelsAZoomCanShow(IParcelStore store)
    {
        var ids = await FillAsync(store);
        var source = new ParcelTileSource(store);

        // z16: every published parcel of the row, under its public id, with what the page styles by.
        var near = await ParcelsOver(source, 16);
        Assert.Equal(ids[..^1].Order(), near.Keys.Order());
        Assert.Equal("卫东区", near[ids[0]]["district"]);
        Assert.Equal(2030L, Convert.ToInt64(near[ids[0]]["planYear"]));
        Assert.Equal("candidate", near[ids[0]]["reviewStatus"]);

        // z10: a pixel is ~24 亩 here, so the 10 and 2 亩 squares are left out, the 40 亩 one and the point stay; the rejected one never shows.
        var far = await ParcelsOver(source, 10);
        Assert.Equal(new[] { ids[0], ids[1], ids[2], ids[5] }.Order(), far.Keys.Order());
        Assert.Equal(ids[..^1].Order(), (await ParcelsOver(source, 14)).Keys.Order());

        // Nothing there: an empty tile, still carrying a version.
        var seaTile = TileAddress.At(150.0, -40.0, 14);
        var sea = await source.GetTileAsync(seaTile, default);
        Assert.True(sea.IsEmpty);
        Assert.Equal(ParcelFingerprint.Empty, sea.Version);
        Assert.Equal(sea.Version, await source.GetTileVersionAsync(seaTile, default));
    }

    private static async Task CheckTileFollowsAGeometrySave(IParcelStore store)
    {
        var ids = await FillAsync(store);
        var source = new ParcelTileSource(store);
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [ids[1]] })).Single();
        var tile = TileAddress.At(parcel.Geometry!.Centroid.X, parcel.Geometry.Centroid.Y, 15);
        var before = await source.GetTileAsync(tile, default);
        Assert.Contains(ids[1], Decode(before, tile).Keys);
        // The tile's version as the store reads it without building the tile is the version the build gave it.
        Assert.Equal(before.Version, await source.GetTileVersionAsync(tile, default));
        var seqBefore = await source.GetVersionAsync(default);
        // The 2 亩 square's z17 tile, a kilometre east of the parcel the write moves.
        var small = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [ids[4]] })).Single().Geometry!.Centroid;
        var farTile = TileAddress.At(small.X, small.Y, 17);
        var far = await source.GetTileVersionAsync(farTile, default);
        Assert.NotEqual(ParcelFingerprint.Empty, far);

        // The 100 亩 square moves 5 km north, out of the tile.
        var moved = Square(parcel.Geometry!.EnvelopeInternal.MinX, Lat + 0.05, 100);
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, parcel.Version, moved, "li.wei", "moved"))).Outcome);

        var after = await source.GetTileAsync(tile, default);
        Assert.NotEqual(seqBefore, await source.GetVersionAsync(default));
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(after.Version, await source.GetTileVersionAsync(tile, default));
        Assert.DoesNotContain(ids[1], Decode(after, tile).Keys);
        // A tile the write did not touch keeps its version: a server keeps its copy.
        Assert.Equal(far, await source.GetTileVersionAsync(farTile, default));
        var north = TileAddress.At(moved.Centroid.X, moved.Centroid.Y, 15);
        Assert.Contains(ids[1], Decode(await source.GetTileAsync(north, default), north).Keys);
    }

    private static async Task CheckTileKeepsTheLargestParcelsUpToItsLimit(IParcelStore store)
    {
        await FillAsync(store);
        var limited = new ParcelTileSource(store, maxFeatures: 3);
        var unlimited = new ParcelTileSource(store);
        var bitten = 0;
        foreach (var tile in TileAddress.Covering(new Envelope(Lon, Lon + 0.03, Lat, Lat + 0.003), 13))
        {
            // Each tile keeps the three largest outlines of what it would hold without a limit (a point counts as none).
            var all = Decode(await unlimited.GetTileAsync(tile, default), tile);
            var largest = all.OrderByDescending(p => p.Value.TryGetValue("areaMuComputed", out var a) ? Convert.ToDouble(a) : 0).ThenBy(p => p.Key)
                .Take(3).Select(p => p.Key).Order();
            var kept = await limited.GetTileAsync(tile, default);
            Assert.Equal(largest, Decode(kept, tile).Keys.Order());
            if (all.Count > 3) bitten++;
            // The version the store reads for the tile is that of the parcels kept, so a server's cache agrees with the build.
            Assert.Equal(kept.Version, await limited.GetTileVersionAsync(tile, default));
        }
        Assert.True(bitten > 0, "no tile held more than three parcels");
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParcelTileSource(store, maxFeatures: ParcelTileSource.MaxFeatures + 1));
    }

    /// <summary>Imports the test column and rejects its last entry; returns the public ids in column order.</summary>
    private static async Task<long[]> FillAsync(IParcelStore store)
    {
        var geometries = new List<Geometry>();
        var x = Lon;
        foreach (var mu in SquareAreasMu)
        {
            geometries.Add(Square(x, Lat, mu));
            x += 0.0035;
        }
        geometries.Add(Wgs84.CreatePoint(new Coordinate(x, Lat + 0.0002)));
        geometries.Add(Square(x + 0.002, Lat, 50));

        var entries = new List<LandEntry>();
        var geocoded = new List<GeocodedEntry>();
        for (var i = 0; i < geometries.Count; i++)
        {
            var seq = i + 1;
            var name = $"测试产业园{seq}号地块";
            var area = geometries[i] is Polygon ? Math.Round(MetricPlane.Gk114.AreaM2(geometries[i]) * 15 / 10_000, 2) : 0;
            entries.Add(new LandEntry { Seq = seq, Name = name, AreaMu = geometries[i] is Polygon ? area : null, Source = new SourceRef(seq, name) });
            geocoded.Add(new GeocodedEntry
            {
                File = "tiles-test.txt", District = "卫东区", PlanYear = 2030, Seq = seq, Name = name, Status = GeocodeStatus.Located, Confidence = 0.8,
                Method = "synthetic", Geometry = geometries[i], AreaMu = entries[^1].AreaMu, AreaMuComputed = area,
            });
        }
        var report = new ExtractedReport { File = "tiles-test.txt", District = "卫东区", PlanYear = 2030, Encoding = "utf-8", LandEntries = entries };
        await store.ImportReportAsync(new ReportImport(report, geocoded, Guid.NewGuid().ToString("N")));

        var ids = entries.Select(e => ParcelIds.Of("卫东区", 2030, e.Seq)).ToArray();
        var rejected = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [ids[^1]] })).Single();
        Assert.True(await IReviewStore.Of(store).SetReviewStatusAsync(new StatusChange(rejected.Id, "rejected", "li.wei", null, "重复")));
        return ids;
    }

    /// <summary>A square of <paramref name="mu"/> 亩 with its south-west corner at (<paramref name="west"/>, <paramref name="south"/>).</summary>
    private static Polygon Square(double west, double south, double mu)
    {
        var side = Math.Sqrt(mu * 10_000 / 15);
        var (dx, dy) = (side / (111_320 * Math.Cos(south * Math.PI / 180)), side / 111_320);
        return Wgs84.CreatePolygon([new(west, south), new(west + dx, south), new(west + dx, south + dy), new(west, south + dy), new(west, south)]);
    }

    /// <summary>The parcels of every tile of zoom <paramref name="z"/> over the test row, by feature id.</summary>
    private static async Task<Dictionary<long, Dictionary<string, object>>> ParcelsOver(ITileSource source, int z)
    {
        var all = new Dictionary<long, Dictionary<string, object>>();
        foreach (var tile in TileAddress.Covering(new Envelope(Lon, Lon + 0.03, Lat, Lat + 0.003), z))
            foreach (var (id, attributes) in Decode(await source.GetTileAsync(tile, default), tile)) all[id] = attributes;
        return all;
    }

    /// <summary>Feature id → attributes of the tile's parcels layer; empty for an empty tile.</summary>
    [Fact]
    public Task SqliteOverviewTileHoldsTheLargestTwoThousand() => WithStore(SqliteDb(), CheckOverviewTileHoldsTheLargestTwoThousand);

    [PostgisFact]
    public Task PostgisOverviewTileHoldsTheLargestTwoThousand() => WithPostgis(CheckOverviewTileHoldsTheLargestTwoThousand);

    // A z12 tile over 2,600 parcels is an overview: it draws the 2,000 largest (SQLite finds them through its area R*Tree),
    // exactly those a brute-force ranking of the store picks, under the same version the server's cache checks.
    private static async Task CheckOverviewTileHoldsTheLargestTwoThousand(IParcelStore store)
    {
        const int count = 2_600;
        var tile = TileAddress.At(Lon + 0.04, Lat + 0.035, ParcelTileSource.OverviewMaxZoom);
        var bounds = tile.Bounds;
        var entries = new List<LandEntry>();
        var geocoded = new List<GeocodedEntry>();
        for (var i = 0; i < count; i++)
        {
            // 1–20 亩 in a scrambled order, on a 52 × 50 grid inside the one z12 tile.
            var mu = 1 + i * 7919 % count * 19.0 / count;
            var square = Square(bounds.MinX + (i % 52 + 0.2) * bounds.Width / 53, bounds.MinY + (i / 52 + 0.2) * bounds.Height / 51, mu);
            var name = $"总览{i + 1}号地块";
            var area = Math.Round(MetricPlane.Gk114.AreaM2(square) * 15 / 10_000, 2);
            entries.Add(new LandEntry { Seq = i + 1, Name = name, AreaMu = area, Source = new SourceRef(i + 1, name) });
            geocoded.Add(new GeocodedEntry
            {
                File = "overview.txt", District = "卫东区", PlanYear = 2032, Seq = i + 1, Name = name, Status = GeocodeStatus.Located, Confidence = 0.8,
                Method = "synthetic", Geometry = square, AreaMu = area, AreaMuComputed = area,
            });
        }
        var report = new ExtractedReport { File = "overview.txt", District = "卫东区", PlanYear = 2032, Encoding = "utf-8", LandEntries = entries };
        await store.ImportReportAsync(new ReportImport(report, geocoded, Guid.NewGuid().ToString("N")));
        var all = await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2032, Limit = ParcelQuery.MaxLimit, MapFieldsOnly = true });
        var box = MvtEncoder.ClipEnvelope(tile, MvtEncoderOptions.Default);
        var inTile = all.Where(p => p.Geometry!.EnvelopeInternal.Intersects(box)).ToList();
        Assert.True(inTile.Count > ParcelTileSource.OverviewMaxFeatures + 400, $"only {inTile.Count} parcels in the tile");

        var source = new ParcelTileSource(store);
        var drawn = await source.GetTileAsync(tile, default);

        var expected = inTile.OrderByDescending(p => p.AreaMuComputed).ThenBy(p => p.Id).Take(ParcelTileSource.OverviewMaxFeatures).Select(p => p.PublicId).Order();
        Assert.Equal(expected, Decode(drawn, tile).Keys.Order());
        Assert.Equal(drawn.Version, await source.GetTileVersionAsync(tile, default));
        // Deeper zooms are not overviews: a z14 tile of the same grid keeps every parcel it meets.
        var deep = TileAddress.At(bounds.Centre.X, bounds.Centre.Y, 14);
        var deepBox = MvtEncoder.ClipEnvelope(deep, MvtEncoderOptions.Default);
        Assert.Equal(all.Count(p => p.Geometry!.EnvelopeInternal.Intersects(deepBox)), Decode(await source.GetTileAsync(deep, default), deep).Count);
    }

    private static Dictionary<long, Dictionary<string, object>> Decode(TileResult result, TileAddress tile)
    {
        if (result.IsEmpty) return [];
        var decoded = new MapboxTileReader().Read(new MemoryStream(result.Uncompressed()), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z), "fid");
        var layer = Assert.Single(decoded.Layers);
        Assert.Equal(ParcelTileSource.LayerName, layer.Name);
        return layer.Features.ToDictionary(
            f => Convert.ToInt64(f.Attributes["fid"]),
            f => f.Attributes.GetNames().Where(n => n != "fid").ToDictionary(n => n, n => f.Attributes[n]));
    }

    private static bool Same(object a, object b) =>
        a is string || b is string ? Equals(a, b) : Math.Abs(Convert.ToDouble(a) - Convert.ToDouble(b)) < 1e-6;

    private static string SqliteDb() => Path.Combine(Directory.CreateTempSubdirectory("landmap-tiles-").FullName, "tiles.db");

    private static async Task WithStore(string db, Func<IParcelStore, Task> check)
    {
        try
        {
            await using var store = await ParcelStoreFactory.OpenAsync(db);
            await check(store);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!db.Contains('=')) Directory.Delete(Path.GetDirectoryName(db)!, recursive: true);
        }
    }

    private static async Task WithPostgis(Func<IParcelStore, Task> check)
    {
        var schema = "landmap_tiles_" + Guid.NewGuid().ToString("N")[..10];
        try
        {
            await using var store = await ParcelStoreFactory.OpenAsync(await TestPostgis.CreateSchemaAsync(schema));
            await check(store);
        }
        finally { await TestPostgis.DropSchemaAsync(schema); }
    }
}
