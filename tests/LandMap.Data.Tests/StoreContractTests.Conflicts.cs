using System.Globalization;
using System.Text;
using LandMap.Core.Conflicts;
using LandMap.Core.Crs;
using LandMap.Core.Layers;
using LandMap.Data.Conflicts;
using LandMap.Data.Layers;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

/// <summary>
/// Conflicts kept by the store: a farmland layer read from a GeoJSON file by the layer readers, a parcel edited onto it
/// and off it again, overlaps known by construction in EPSG:4547 (CGCS2000 / 3° GK CM 114E).
/// </summary>
public abstract partial class StoreContractTests
{
    private const double SquareMetresPerMu = 10_000.0 / 15;
    private static readonly (double E, double N) ConflictOrigin = MetricPlane.Gk114.ToPlane(113.33, 33.73);

    // A rectangle given in metres from ConflictOrigin in EPSG:4547, as WGS 84 lon/lat.
    private static Geometry GkBox(double x0, double y0, double x1, double y1)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        Coordinate At(double x, double y) => new(ConflictOrigin.E + x, ConflictOrigin.N + y);
        var wgs84 = MetricPlane.Gk114.ToWgs84(factory.CreatePolygon([At(x0, y0), At(x1, y0), At(x1, y1), At(x0, y1), At(x0, y0)]));
        wgs84.SRID = 4326;
        return wgs84;
    }

    private static string WriteFarmlandGeoJson(Geometry farmland)
    {
        var path = Path.Combine(Path.GetTempPath(), $"landmap-farmland-{Guid.NewGuid():N}.geojson");
        var ring = string.Join(", ", farmland.Coordinates.Select(c => string.Create(CultureInfo.InvariantCulture, $"[{c.X:R}, {c.Y:R}]")));
        File.WriteAllText(path,
            $$$"""
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"JBNTTBBH": "JB-001", "DLBM": "0101", "JBNTMJ": 12000.5},
               "geometry": {"type": "Polygon", "coordinates": [[{{{ring}}}]]}}
            ]}
            """, new UTF8Encoding(false));
        return path;
    }

    private static async Task ImportLayerFileAsync(ILayerStore layers, string path, string name, LayerKind kind)
    {
        using var reading = LayerReader.Open(path, new LayerReadOptions { Kind = kind });
        Assert.True(reading.IsOpen, string.Join("\n", reading.Problems));
        await layers.ImportLayerAsync(new LayerImport(name, kind, reading.SourceFile, reading.Crs!.Label, "-", "tester")
        {
            DeclaredFields = reading.Fields, AreaCrsOnceRead = () => reading.AreaCrs,
        }, reading.Features());
    }

    protected async Task CheckEditOffTheFarmlandClearsTheConflictAndHistoryKeepsIt()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store, TestEnvironment.SeedReports[0]);
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023, District = "卫东区" }))[0];
        // 200 m × 100 m, of which the farmland takes the eastern 60 m: 6,000 m² = 9 亩, 30 %.
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, parcel.Version, GkBox(0, 0, 200, 100), "li.wei"))).Outcome);
        var path = WriteFarmlandGeoJson(GkBox(140, -100, 400, 300));
        try
        {
            await ImportLayerFileAsync(ILayerStore.Of(store), path, "永久基本农田", LayerKind.Farmland);
        }
        finally
        {
            File.Delete(path);
        }

        var on = (await store.GetParcelAsync(parcel.Id))!;
        var conflict = Assert.Single(StoredConflicts.Read(on.Parcel.ConflictsJson));
        Assert.Equal(("永久基本农田", "farmland"), (conflict.Layer, conflict.Kind));
        Assert.Equal(["JB-001"], conflict.Features);
        Assert.Equal(6000 / SquareMetresPerMu, conflict.AreaMu, 0.1);
        Assert.Equal(0.3, conflict.Share, 3);
        // The parcel list carries it too (exports and the queue read it there).
        Assert.Contains("永久基本农田", (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [parcel.PublicId] }))[0].ConflictsJson);

        // Moved off: west of the farmland, sharing no more than an edge with it.
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, on.Parcel.Version, GkBox(-60, 0, 140, 100), "li.wei", "surveyed"))).Outcome);
        var off = (await store.GetParcelAsync(parcel.Id))!;
        Assert.Empty(StoredConflicts.Read(off.Parcel.ConflictsJson));
        Assert.Equal("[]", off.Parcel.ConflictsJson!.Replace(" ", "", StringComparison.Ordinal));
        var before = off.History[^2];
        Assert.False(before.IsCurrent);
        Assert.Equal(6000 / SquareMetresPerMu, Assert.Single(StoredConflicts.Read(before.ConflictsJson)).AreaMu, 0.1);
        Assert.Empty(StoredConflicts.Read(off.History[^1].ConflictsJson));

        // Back on, then the layer goes: no conflict is left behind.
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, off.Parcel.Version, GkBox(300, 0, 350, 100), "li.wei"))).Outcome);
        Assert.Equal(5000 / SquareMetresPerMu, Assert.Single(StoredConflicts.Read((await store.GetParcelAsync(parcel.Id))!.Parcel.ConflictsJson)).AreaMu, 0.1);
        Assert.True(await ILayerStore.Of(store).RemoveLayerAsync("永久基本农田", "tester"));
        Assert.Empty(StoredConflicts.Read((await store.GetParcelAsync(parcel.Id))!.Parcel.ConflictsJson));
    }

    protected async Task CheckUrbanBoundaryAndSurveyLayersGiveOutsidePartAndComposition()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store, TestEnvironment.SeedReports[0]);
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023, District = "卫东区" }))[0];
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, parcel.Version, GkBox(0, 0, 100, 100), "li.wei"))).Outcome);
        var layers = ILayerStore.Of(store);
        await layers.ImportLayerAsync(new LayerImport("城镇开发边界", LayerKind.UrbanBoundary, "czkfbj.shp", "EPSG:4326", "EPSG:4547", "tester"),
            [new LayerFeature(0, "fid:0", new Dictionary<string, object?>(), GkBox(-1000, -1000, 80, 1000), 0, false)]);
        await layers.ImportLayerAsync(new LayerImport("三调", LayerKind.LandSurvey, "dltb.shp", "EPSG:4326", "EPSG:4547", "tester"),
        [
            new LayerFeature(0, "1", new Dictionary<string, object?> { ["DLBM"] = "0103" }, GkBox(0, 0, 40, 100), 0, false),
            new LayerFeature(1, "2", new Dictionary<string, object?> { ["DLBM"] = "0702" }, GkBox(40, 0, 100, 100), 0, false),
        ]);
        var conflicts = StoredConflicts.Read((await store.GetParcelAsync(parcel.Id))!.Parcel.ConflictsJson).ToDictionary(c => c.Kind);
        Assert.Equal(2000 / SquareMetresPerMu, conflicts["urban-boundary"].AreaMu, 0.1);
        var survey = conflicts["land-survey"];
        Assert.Equal(4000 / SquareMetresPerMu, survey.CultivatedMu!.Value, 0.1);
        Assert.Equal([("耕地", "耕地"), ("建设用地", "住宅用地")], survey.Composition!.Select(p => (p.Class, p.Group)));
    }
}
