using Microsoft.Data.Sqlite;

namespace LandMap.Data.Tests;

/// <summary>The two R*Trees an import fills after its rows: packed when the import is large next to the store, else added to.</summary>
public sealed partial class SqliteStoreTests
{
    [Fact]
    public async Task AnImportLeavesBothSpatialIndexesSoundAndComplete()
    {
        var store = await OpenAsync();

        // An empty store: both trees are built packed, 51 rows a leaf (20 leaves and the root for 1,000 rows).
        await store.ImportReportsAsync([WithAreas(Column("卫东区", 2026, 700)), WithAreas(Column("湛河区", 2026, 300))]);
        Assert.Equal(1000, await CheckTreesAsync());
        Assert.Equal(21, await NodesAsync());

        // 30 rows, a short report: its rows go into the trees by the triggers, row by row.
        await store.ImportReportAsync(WithAreas(Column("卫东区", 2027, 30)));
        Assert.Equal(1030, await CheckTreesAsync());

        // 600 against 1,030: built again, packed (32 leaves and the root for 1,630 rows).
        await store.ImportReportAsync(WithAreas(Column("湛河区", 2027, 600)));
        Assert.Equal(1630, await CheckTreesAsync());
        Assert.Equal(33, await NodesAsync());

        // 250 against 1,630: added after the rows by one INSERT … SELECT a tree (SQLite splits the full leaves it lands in).
        await store.ImportReportAsync(WithAreas(Column("卫东区", 2028, 250)));
        Assert.Equal(1880, await CheckTreesAsync());
        Assert.True(await NodesAsync() > 37 + 1, "the INSERT path leaves nodes less full than packing would (37 leaves and the root)");

        // After an import the row triggers keep the trees as before: a reviewer's edit moves the parcel in both.
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2027, District = "湛河区", Limit = 1 }))[0];
        var moved = new NetTopologySuite.Geometries.GeometryFactory(new NetTopologySuite.Geometries.PrecisionModel(), 4326)
            .ToGeometry(new NetTopologySuite.Geometries.Envelope(113.5, 113.501, 33.9, 33.901));
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, 1, moved, "li.wei"))).Outcome);
        Assert.Equal(1881, await CheckTreesAsync());
        Assert.Equal([parcel.PublicId], (await store.QueryParcelsAsync(new ParcelQuery { BoundingBox = new(113.4999, 113.5011, 33.8999, 33.9011) })).Select(p => p.PublicId));
    }

    // The geocoder's area of each outline, which the area tree indexes.
    private static ReportImport WithAreas(ReportImport import) =>
        import with { Geocoded = [.. import.Geocoded.Select(g => g with { AreaMuComputed = g.AreaMu })] };

    // SQLite's own check of both trees, and that each holds exactly the rows it should; returns the outline count.
    private async Task<long> CheckTreesAsync()
    {
        await using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        await c.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(c, "SELECT rtreecheck('parcel_geometry_rtree')"));
        Assert.Equal("ok", await ScalarAsync(c, "SELECT rtreecheck('parcel_area_rtree')"));
        Assert.Equal("2", await ScalarAsync(c,
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('parcel_geometries_rtree_insert', 'parcel_geometries_area_rtree_insert')"));
        Assert.Equal("0", await ScalarAsync(c,
            "SELECT count(*) FROM parcel_geometries g WHERE min_x IS NOT NULL AND NOT EXISTS (SELECT 1 FROM parcel_geometry_rtree r WHERE r.id = g.id)"));
        Assert.Equal("0", await ScalarAsync(c,
            "SELECT count(*) FROM parcel_geometries g WHERE area_mu_computed > 0 AND NOT EXISTS (SELECT 1 FROM parcel_area_rtree r WHERE r.id = g.id)"));
        var outlines = long.Parse((await ScalarAsync(c, "SELECT count(*) FROM parcel_geometries WHERE min_x IS NOT NULL"))!);
        Assert.Equal(outlines.ToString(), await ScalarAsync(c, "SELECT count(*) FROM parcel_geometry_rtree"));
        Assert.Equal(outlines.ToString(), await ScalarAsync(c, "SELECT count(*) FROM parcel_area_rtree"));
        return outlines;
    }

    private async Task<long> NodesAsync()
    {
        await using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        await c.OpenAsync();
        return long.Parse((await ScalarAsync(c, "SELECT count(*) FROM parcel_geometry_rtree_node"))!);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection c, string sql)
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
