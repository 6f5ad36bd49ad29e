using LandMap.Core.Geocoding;
using LandMap.Data.Import;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

/// <summary>
/// The contract every <see cref="IParcelStore"/> passes. Backends subclass it and expose each check as a fact
/// (SQLite as [Fact], PostGIS as [PostgisFact]), so the same assertions run against both.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    private readonly List<IParcelStore> _opened = [];

    /// <summary>The --db value of a fresh, empty store for this test.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Runs raw SQL against the database, bypassing the store (to prove the database itself refuses).</summary>
    protected abstract Task ExecuteRawAsync(string db, string sql);

    protected string Db { get; private set; } = "";

    public async Task InitializeAsync() => Db = await CreateDatabaseAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
    }

    protected async Task<IParcelStore> OpenAsync()
    {
        var store = await ParcelStoreFactory.OpenAsync(Db);
        _opened.Add(store);
        return store;
    }

    protected static async Task<IReadOnlyList<FileImportResult>> ImportSeedsAsync(IParcelStore store, params string[] paths) =>
        await new ReportImporter(store, TestEnvironment.Gazetteer).ImportFilesAsync(paths.Length > 0 ? paths : TestEnvironment.SeedReports);

    protected async Task CheckMigratesFreshStoreAndReopens()
    {
        var store = await OpenAsync();
        Assert.Equal(11, store.SchemaVersion);
        Assert.All(await store.CountRowsAsync(), c => Assert.Equal(0, c.Value));
        await store.DisposeAsync();
        var again = await OpenAsync();
        Assert.Equal(11, again.SchemaVersion);
        Assert.Equal(15, (await again.CountRowsAsync()).Count);
    }

    protected async Task CheckImportingSeedsTwiceKeepsCounts()
    {
        var store = await OpenAsync();
        var first = await ImportSeedsAsync(store);
        Assert.All(first, r => Assert.Null(r.Error));
        Assert.All(first, r => Assert.Equal(ImportStatus.Imported, r.Outcome!.Status));
        var once = await store.CountRowsAsync();
        Assert.Equal(5, once["reports"]);
        Assert.Equal(60, once["land_entries"]);
        Assert.Equal(60, once["parcels"]);
        Assert.Equal(60, once["parcel_geometries"]);
        Assert.True(once["project_stage_events"] > 50, $"project events: {once["project_stage_events"]}");
        Assert.True(once["indicator_values"] > 50, $"indicator values: {once["indicator_values"]}");
        Assert.True(once["gazetteer_features"] > 50, $"gazetteer features: {once["gazetteer_features"]}");

        var second = await ImportSeedsAsync(store);
        Assert.All(second, r => Assert.Equal(ImportStatus.Unchanged, r.Outcome!.Status));
        Assert.Equal(once, await store.CountRowsAsync());
        Assert.Equal(5, (await store.ListReportsAsync()).Count);
    }

    protected async Task CheckPlanYearAndDistrictQuery()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store);
        var weidong2023 = await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023, District = "卫东区" });
        Assert.Equal(25, weidong2023.Count);
        Assert.Equal(Enumerable.Range(1, 25), weidong2023.Select(p => p.Seq));
        Assert.Empty(await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023, District = "湛河区" }));
        var text = await store.QueryParcelsAsync(new ParcelQuery { Text = "物流" });
        Assert.NotEmpty(text);
        Assert.All(text, p => Assert.True((p.Name + p.Location + p.Note).Contains("物流", StringComparison.Ordinal)));
        Assert.Empty(await store.QueryParcelsAsync(new ParcelQuery { Text = "%" }));
    }

    protected async Task CheckBoundingBoxQuery()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store);
        var all = await store.QueryParcelsAsync(new ParcelQuery { IncludeUnresolved = false });
        var target = all.First(p => p.Geometry is Polygon or MultiPolygon);
        var box = new Envelope(target.Geometry!.Centroid.Coordinate);
        box.ExpandBy(0.01);
        var found = await store.QueryParcelsAsync(new ParcelQuery { BoundingBox = box });
        Assert.Contains(found, p => p.Id == target.Id);
        Assert.Equal(all.Where(p => p.Geometry!.EnvelopeInternal.Intersects(box)).Select(p => p.Id).Order(), found.Select(p => p.Id).Order());
        Assert.Empty(await store.QueryParcelsAsync(new ParcelQuery { BoundingBox = new Envelope(100, 100.1, 20, 20.1) }));
    }

    protected async Task CheckIntersectsQuery()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store);
        var all = await store.QueryParcelsAsync(new ParcelQuery { IncludeUnresolved = false });
        var target = all.First(p => p.Geometry is Polygon);
        var area = target.Geometry!.InteriorPoint.Buffer(0.004);
        area.SRID = 4326;
        var found = await store.QueryParcelsAsync(new ParcelQuery { Intersects = area });
        Assert.Contains(found, p => p.Id == target.Id);
        Assert.Equal(all.Where(p => p.Geometry!.Intersects(area)).Select(p => p.Id).Order(), found.Select(p => p.Id).Order());
    }

    protected async Task CheckNearestQuery()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store);
        var all = await store.QueryParcelsAsync(new ParcelQuery { IncludeUnresolved = false });
        var target = all.First(p => p.Geometry is Polygon);
        var point = target.Geometry!.InteriorPoint;
        point.SRID = 4326;
        var nearest = await store.NearestParcelsAsync(point, 3);
        Assert.Equal(3, nearest.Count);
        Assert.Equal(0, nearest[0].DistanceM, 3);
        Assert.Contains(nearest, n => n.Parcel.Id == target.Id);
        Assert.True(nearest[0].DistanceM <= nearest[1].DistanceM && nearest[1].DistanceM <= nearest[2].DistanceM);
        var far = await store.NearestParcelsAsync(new Point(113.0, 33.5) { SRID = 4326 }, 1);
        Assert.Single(far);
        Assert.True(far[0].DistanceM > 1000);
    }
}
