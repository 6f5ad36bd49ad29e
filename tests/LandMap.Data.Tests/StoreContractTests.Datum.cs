using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Layers;
using LandMap.Data.Layers;
using LandMap.Data.Review;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

/// <summary>Schema 11: parcels placed on the GCJ-02 sketch move to WGS 84; the bureau's layers stay (on every backend).</summary>
public abstract partial class StoreContractTests
{
    private const string Schema11Rollback = "DELETE FROM schema_version WHERE version >= 11";

    // Metres between two lon/lat positions at Pingdingshan's latitude.
    private static double Metres(Coordinate a, Coordinate b) =>
        Math.Sqrt(Math.Pow((a.X - b.X) * Math.Cos(33.73 * Math.PI / 180), 2) + Math.Pow(a.Y - b.Y, 2)) * 6371008.8 * Math.PI / 180;

    protected async Task CheckSchema10StoreMovesParcelsFromGcj02ButNotLayers()
    {
        // A store as schema 10 left it: parcels (with a superseded edition and a reviewed edit as history) and a layer.
        var store = await OpenAsync();
        // Its gazetteer copy: the GCJ-02 sketch, whose district outlines lie on the source's 1/1024° grid.
        var gcjDistrict = new GazetteerFeature
        {
            Name = "卫东区", Kind = PlaceKind.District, District = "卫东区", Source = "pingdingshan-districts.geojson (MIT, © 2017 jaska)",
            Geometry = Wgs84.ToGeometry(new Envelope(116_000 / 1024.0, 116_040 / 1024.0, 34_560 / 1024.0, 34_580 / 1024.0)),
        };
        // Beside it, a road the bureau imported in a real datum (gazetteer import): it must not move.
        var bureauRoad = new GazetteerFeature
        {
            Name = "测绘路", Kind = PlaceKind.Road, District = "卫东区", Source = "import: roads.shp",
            Geometry = Wgs84.CreateLineString([new Coordinate(113.30, 33.74), new Coordinate(113.32, 33.74)]),
        };
        await store.SyncGazetteerAsync([gcjDistrict, bureauRoad]);
        await store.ImportReportAsync(Column("卫东区", 2026, 4, "旧"));
        await store.ImportReportAsync(Column("卫东区", 2026, 5, "新"));
        var edited = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [410403_2026_00002L] })).Single();
        var moved = Wgs84.ToGeometry(new Envelope(113.40, 113.401, 33.75, 33.751));
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(edited.Id, 1, moved, "li.wei", "over the basemap"))).Outcome);
        // A surveyed outline (勘测定界, read in its declared CRS): WGS 84 already, it must not move either.
        var surveyed = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [410403_2026_00003L] })).Single();
        var survey = Wgs84.ToGeometry(new Envelope(113.41, 113.411, 33.76, 33.761));
        Assert.Equal(SaveOutcome.Saved, (await IReviewStore.Of(store).SaveReviewedGeometryAsync(
            new ReviewedGeometry(surveyed.Id, 1, survey, "admin", "勘测定界", "survey", new { file = "a.txt" }))).Outcome);
        var layers = ILayerStore.Of(store);
        await layers.ImportLayerAsync(SurveyImport("永久基本农田") with { Kind = LayerKind.Farmland }, [Tb(0, "F1", "水田", 113.2005, 33.6005)]);
        var before = await AllVersionsAsync(store);
        var layerBefore = (await layers.QueryLayerFeaturesAsync("永久基本农田", null, 10, 0))!.Single().Geometry;
        var seq = await store.GetChangeSeqAsync();
        await store.DisposeAsync();
        await ExecuteRawAsync(Db, Schema11Rollback);

        var upgraded = await OpenAsync();

        Assert.Equal(11, upgraded.SchemaVersion);
        var after = await AllVersionsAsync(upgraded);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.True(before.Count >= 6, $"{before.Count} geometry versions");
        var worst = 0.0;
        var surveyVersion = after.Single(v => v.Value.EqualsExact(survey, 1e-9)).Key;
        foreach (var (id, old) in before.Where(v => v.Key != surveyVersion))
        {
            var expected = old.Coordinates.Select(c => ChinaWebDatums.Gcj02ToWgs84(c.X, c.Y)).Select(p => new Coordinate(p.Lon, p.Lat)).ToArray();
            var actual = after[id].Coordinates;
            Assert.Equal(expected.Length, actual.Length);
            worst = Math.Max(worst, expected.Zip(actual, Metres).Max());
            Assert.InRange(Metres(old.Coordinates[0], actual[0]), 400, 800);
        }
        Assert.True(worst < 0.5, $"a vertex is {worst:F3} m from its GCJ-02 → WGS 84 conversion");
        Assert.True((await ILayerStore.Of(upgraded).QueryLayerFeaturesAsync("永久基本农田", null, 10, 0))!.Single().Geometry.EqualsExact(layerBefore));
        Assert.True(await upgraded.GetChangeSeqAsync() > seq);
        // The box queries (R*Tree / GiST) find the parcels where they now are.
        var box = after.Values.Aggregate(new Envelope(), (e, g) => { e.ExpandToInclude(g.EnvelopeInternal); return e; });
        Assert.Equal(5, await upgraded.CountParcelsAsync(new ParcelQuery { BoundingBox = box }));
        Assert.Contains(await upgraded.ListAuditAsync(), a => a.Action == "datum-gcj02-to-wgs84");
        var district = (await upgraded.ListGazetteerAsync(new Envelope(112, 115, 33, 35), [PlaceKind.District], 10)).Single();
        var corner = gcjDistrict.Geometry.Coordinates[0];
        var (lon, lat) = ChinaWebDatums.Gcj02ToWgs84(corner.X, corner.Y);
        Assert.True(Metres(district.Geometry.Coordinates[0], new Coordinate(lon, lat)) < 0.5, "the store's gazetteer copy moved with its parcels");
        var road = (await upgraded.ListGazetteerAsync(new Envelope(112, 115, 33, 35), [PlaceKind.Road], 10)).Single();
        Assert.True(road.Geometry.EqualsExact(bureauRoad.Geometry, 1e-9), "a road imported in a real datum moved");
    }

    protected async Task CheckStorePlacedOnAWgs84GazetteerDoesNotMove()
    {
        // Its gazetteer copy is the converted (WGS 84) one: its parcels were placed on WGS 84 data already.
        var store = await OpenAsync();
        await store.SyncGazetteerAsync(TestEnvironment.Gazetteer.Features);
        await store.ImportReportAsync(Column("卫东区", 2026, 3));
        var before = await AllVersionsAsync(store);
        await store.DisposeAsync();
        await ExecuteRawAsync(Db, Schema11Rollback);

        var upgraded = await OpenAsync();

        Assert.Equal(11, upgraded.SchemaVersion);
        var after = await AllVersionsAsync(upgraded);
        Assert.All(before, b => Assert.True(after[b.Key].EqualsExact(b.Value)));
        Assert.DoesNotContain(await upgraded.ListAuditAsync(), a => a.Action.StartsWith("datum", StringComparison.Ordinal));
        var district = (await upgraded.ListGazetteerAsync(new Envelope(112, 114, 33, 35), [PlaceKind.District], 20)).First(f => f.Name == "卫东区");
        Assert.True(district.Geometry.EqualsExact(TestEnvironment.Gazetteer.Lookup("卫东区")[0].Feature.Geometry));
    }

    private static async Task<Dictionary<long, Geometry>> AllVersionsAsync(IParcelStore store)
    {
        var result = new Dictionary<long, Geometry>();
        foreach (var report in await store.ListReportsAsync())
        {
            foreach (var parcel in await store.QueryParcelsAsync(new ParcelQuery { ReportId = report.Id }))
            {
                var detail = (await store.GetParcelAsync(parcel.Id))!;
                foreach (var version in detail.History.Where(v => v.Geometry is not null)) result[version.Id] = version.Geometry!;
            }
        }
        return result;
    }
}
