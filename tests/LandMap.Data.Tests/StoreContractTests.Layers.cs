using LandMap.Core.Layers;
using LandMap.Data.Layers;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

/// <summary>The layer side of the contract: import in one transaction, replace with a diff by key, page by box, remove.</summary>
public abstract partial class StoreContractTests
{
    private static readonly GeometryFactory LayerWgs84 = NtsGeometryServices.Instance.CreateGeometryFactory(4326);

    private static LayerFeature Tb(int index, string bsm, string dlmc, double lon, double lat, double size = 0.001) =>
        new(index, bsm, new Dictionary<string, object?> { ["BSM"] = bsm, ["DLMC"] = dlmc, ["TBMJ"] = 1234.5, ["SJNF"] = 2023L },
            LayerWgs84.ToGeometry(new Envelope(lon, lon + size, lat, lat + size)), 1000 + index, index == 1);

    private static LayerImport SurveyImport(string name = "三调地类图斑") =>
        new(name, LayerKind.LandSurvey, "dltb.shp", "EPSG:4526", "EPSG:4547", "tester")
        {
            DeclaredFields = [new LayerField("BSM", "string"), new LayerField("DLMC", "string"), new LayerField("TBMJ", "real")],
            Encoding = "gbk",
        };

    protected async Task CheckLayerImportReplacesAndSaysWhatChanged()
    {
        var store = await OpenAsync();
        var layers = ILayerStore.Of(store);
        var first = await layers.ImportLayerAsync(SurveyImport(),
            [Tb(0, "A", "水田", 113.30, 33.70), Tb(1, "B", "旱地", 113.31, 33.71), Tb(2, "C", "城镇住宅用地", 113.32, 33.72)]);
        Assert.Equal((3L, 1L, false, 3L, 0L, 0L), (first.Features, first.Repaired, first.Replaced, first.Added, first.Removed, first.Changed));

        var second = await layers.ImportLayerAsync(SurveyImport(),
            [Tb(0, "B", "水浇地", 113.31, 33.71), Tb(1, "C", "城镇住宅用地", 113.32, 33.72), Tb(2, "D", "水田", 113.33, 33.73)]);
        // B changed its class, C is as before (its feature index and repaired flag are no part of the content), A went, D came.
        Assert.Equal((true, 1L, 1L, 1L), (second.Replaced, second.Added, second.Removed, second.Changed));

        var listed = Assert.Single(await layers.ListLayersAsync());
        Assert.Equal(("三调地类图斑", LayerKind.LandSurvey, "EPSG:4526", 3L), (listed.Name, listed.Kind, listed.SourceCrs, listed.FeatureCount));
        Assert.Equal(second.LayerId, listed.Id);
        var extent = listed.Extent!;
        Assert.Equal([113.31, 33.71, 113.331, 33.731], new[] { extent.MinX, extent.MinY, extent.MaxX, extent.MaxY }, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(["BSM", "DLMC", "TBMJ", "SJNF"], listed.Fields.Select(f => f.Name));
        Assert.Equal("地类名称", listed.Fields[1].Label);
        Assert.Equal(("SJNF", "integer", "数据年份"), (listed.Fields[3].Name, listed.Fields[3].Type, listed.Fields[3].Label));

        var features = (await layers.QueryLayerFeaturesAsync("三调地类图斑", null, 10, 0))!;
        Assert.Equal(["B", "C", "D"], features.Select(f => f.Key));
        Assert.Contains("\"DLMC\": \"水浇地\"", features[0].AttributesJson.Replace("\":\"", "\": \"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(1000, features[0].AreaM2);
        var counts = await store.CountRowsAsync();
        Assert.Equal((1L, 3L), (counts["layers"], counts["layer_features"]));
        var audit = await store.ListAuditAsync(2);
        Assert.All(audit, a => Assert.Equal(("layer-import", "tester"), (a.Action, a.Actor)));
    }

    protected async Task CheckFailedLayerImportLeavesThePreviousVersion()
    {
        var store = await OpenAsync();
        var layers = ILayerStore.Of(store);
        await layers.ImportLayerAsync(SurveyImport(), [Tb(0, "A", "水田", 113.30, 33.70), Tb(1, "B", "旱地", 113.31, 33.71)]);
        var seq = await store.GetChangeSeqAsync();

        static IEnumerable<LayerFeature> BreaksMidway()
        {
            yield return Tb(0, "X", "林地", 113.40, 33.80);
            yield return Tb(1, "Y", "林地", 113.41, 33.81);
            throw new IOException("dltb.shp: the file ends at record 2");
        }

        await Assert.ThrowsAsync<IOException>(() => layers.ImportLayerAsync(SurveyImport(), BreaksMidway()));
        var listed = Assert.Single(await layers.ListLayersAsync());
        Assert.Equal(("三调地类图斑", 2L), (listed.Name, listed.FeatureCount));
        Assert.Equal(["A", "B"], (await layers.QueryLayerFeaturesAsync("三调地类图斑", null, 10, 0))!.Select(f => f.Key));
        Assert.Equal(2L, (await store.CountRowsAsync())["layer_features"]);
        Assert.Equal(seq, await store.GetChangeSeqAsync());
    }

    protected async Task CheckLayerFeaturesPageByBoxAndLayersGoWhole()
    {
        var store = await OpenAsync();
        var layers = ILayerStore.Of(store);
        var grid = Enumerable.Range(0, 50).Select(i => Tb(i, $"T{i:00}", "水田", 113.0 + (i % 10) * 0.01, 33.0 + (i / 10) * 0.01, 0.005));
        await layers.ImportLayerAsync(SurveyImport(), grid);
        await layers.ImportLayerAsync(SurveyImport("永久基本农田") with { Kind = LayerKind.Farmland }, [Tb(0, "F1", "水田", 113.0, 33.0)]);

        // Cells of columns 2–3 and rows 1–2: four features, each in the box by its envelope.
        var box = new Envelope(113.021, 113.032, 33.011, 33.022);
        var inBox = (await layers.QueryLayerFeaturesAsync("三调地类图斑", box, 100, 0))!;
        Assert.Equal(["T12", "T13", "T22", "T23"], inBox.Select(f => f.Key));
        Assert.Equal(["T22", "T23"], (await layers.QueryLayerFeaturesAsync("三调地类图斑", box, 2, 2))!.Select(f => f.Key));
        Assert.All(inBox, f => Assert.Equal(4326, f.Geometry.SRID));
        Assert.Null(await layers.QueryLayerFeaturesAsync("no such layer", null, 10, 0));

        Assert.True(await layers.RemoveLayerAsync("三调地类图斑", "tester"));
        Assert.False(await layers.RemoveLayerAsync("三调地类图斑", "tester"));
        Assert.Equal("永久基本农田", Assert.Single(await layers.ListLayersAsync()).Name);
        Assert.Equal(1L, (await store.CountRowsAsync())["layer_features"]);
        Assert.Equal(["F1"], (await layers.QueryLayerFeaturesAsync("永久基本农田", new Envelope(112, 114, 32, 34), 10, 0))!.Select(f => f.Key));
        Assert.Equal("layer-remove", (await store.ListAuditAsync(1))[0].Action);
    }
}
