using System.Text.Json;
using System.Text.RegularExpressions;
using LandMap.Server.Tests.Api;
using Xunit.Abstractions;

namespace LandMap.Server.Tests.Ogc;

/// <summary>One real <c>landmap serve</c> process over a fresh store of the sample reports, shared by the client tests.</summary>
public sealed class OgcServer : IAsyncLifetime
{
    /// <summary>The collection of the classes that share it.</summary>
    public const string Collection = "ogc-clients";

    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-ogc-clients-").FullName;

    /// <summary>The imported 三调 layer the clients read beside the parcels: <see cref="LayerCount"/> plots east of 卫东区's parcels.</summary>
    public const string LayerName = "三调地类图斑";

    public const int LayerCount = 23;

    /// <summary>The layer's collection id, as the clients name it.</summary>
    public const string LayerCollection = "layer-" + LayerName;

    /// <summary>The 地类 of plot i is <c>Classes[i % 5]</c>.</summary>
    public static readonly (string Dlbm, string Dlmc)[] Classes = [("0101", "水田"), ("0103", "旱地"), ("0301", "乔木林地"), ("0702", "农村宅基地"), ("1006", "农村道路")];

    internal ServerProcess? Server { get; private set; }

    public async Task InitializeAsync()
    {
        var database = Path.Combine(_folder, "ogc.db");
        // The layer first, through the real reader; the server then finds no reports and imports the samples beside it.
        await Layers.TestLayers.ImportAsync(database, LayerName, LandMap.Core.Layers.LayerKind.LandSurvey, [.. Enumerable.Range(0, LayerCount).Select(i =>
            Layers.TestLayers.Square(113.330 + i % 6 * 0.004, 33.735 + i / 6 * 0.004, 0.0035, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $$"""{"BSM":"41040300{{i:0000}}","DLBM":"{{Classes[i % 5].Dlbm}}","DLMC":"{{Classes[i % 5].Dlmc}}","QSDWMC":"{{(i % 2 == 0 ? "东高皇村" : "西高皇村")}}","TBMJ":{{100000 + i * 250.5}}}""")))]);
        Server = await ServerProcess.StartAsync("ogc", database, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
    }

    public Task DisposeAsync()
    {
        Server?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(OgcServer.Collection)]
public sealed class OgcServerCollection : ICollectionFixture<OgcServer>;

/// <summary>
/// Real clients of <c>/ogc</c>, from Debian as a bureau would install them: GDAL's OAPIF driver lists the collections,
/// copies every parcel to a GeoPackage through pages of 7 with Chinese attributes intact, and its attribute and spatial
/// filters select what the server's own list API selects; OWSLib reads the landing page, conformance, collections,
/// queryables and filtered items, and asks for EPSG:4547. Required in CI (.ci/setup.d/40-ogc-clients.sh installs them);
/// locally a missing client is a skipped check, never a pass in CI.
/// </summary>
[Collection(OgcServer.Collection)]
public sealed partial class OgcClientTests(OgcServer ogc, ITestOutputHelper output)
{
    private ServerProcess Server => ogc.Server!;

    private string Service => $"OAPIF:{Server.Client.BaseAddress}ogc";

    private static bool Has(string tool)
    {
        if (Tools.Find(tool) is not null) return true;
        Assert.False(Tools.InCi, $"{tool} is required in CI for the OGC API client tests: .ci/setup.d/40-ogc-clients.sh installs it");
        return false;
    }

    [Fact]
    public void OgrinfoListsBothCollections()
    {
        if (!Has("ogrinfo")) return;

        var (exit, text) = Tools.Run("ogrinfo", $"-ro {Service}");

        Assert.True(exit == 0, text);
        Assert.Contains("parcels (title: 用地保障地块)", text);
        Assert.Contains("projects (title: 重点项目) (Point)", text);
    }

    [Fact]
    public async Task Ogr2ogrCopiesEveryParcelAcrossPagesWithChineseAttributes()
    {
        if (!Has("ogr2ogr")) return;
        var gpkg = Path.Combine(Path.GetTempPath(), $"landmap-ogc-{Guid.NewGuid():N}.gpkg");
        try
        {
            var (exit, text) = Tools.Run("ogr2ogr", $"-f GPKG {gpkg} {Service} parcels -oo PAGE_SIZE=7");

            Assert.True(exit == 0, text);
            var matched = await MatchedAsync("");
            Assert.True(matched > 7 * 3, $"only {matched} parcels: the copy must span several pages");
            var (_, summary) = Tools.Run("ogrinfo", $"-ro -so {gpkg} parcels");
            Assert.Equal(matched, FeatureCount(summary));
            var (_, park) = Tools.Run("ogrinfo", $"-ro {gpkg} parcels -where \"id = 410403202300001\"");
            Assert.Contains("name (String) = 河南（平顶山）电子半导体产业园", park);
            Assert.Contains("district (String) = 卫东区", park);
            Assert.Contains("landUseName (String) = 产业园区", park);
        }
        finally { File.Delete(gpkg); }
    }

    // GDAL 3.6 sends -where as CQL text when the OpenAPI document lists cql-text among filter-lang's values (it knows the
    // draft's name only): the filter runs in the server, and GDAL evaluates it again on what comes back.
    [Theory]
    [InlineData("name LIKE '%产业园%' AND planYear = 2023", "planYear=2023", "产业园")]
    [InlineData("planYear >= 2022 AND NOT (seq < 10)", "", null)]
    public async Task GdalSendsWhereAsACql2FilterAndGetsTheSameParcels(string where, string api, string? nameContains)
    {
        if (!Has("ogrinfo")) return;

        var (exit, text) = Tools.Run("ogrinfo", $"-ro -so --debug on {Service} parcels -where \"{where}\"");

        Assert.True(exit == 0, text);
        Assert.Matches(@"filter=[^&\s]+&filter-lang=cql-text", text);
        using var page = JsonDocument.Parse(await Server.Client.GetStringAsync($"/api/parcels?limit=10000&{api}"));
        var expected = page.RootElement.GetProperty("features").EnumerateArray().Count(f =>
        {
            var p = f.GetProperty("properties");
            return nameContains is not null
                ? p.GetProperty("name").GetString()!.Contains(nameContains)
                : p.GetProperty("planYear").GetInt32() >= 2022 && p.GetProperty("seq").GetInt32() >= 10;
        });
        Assert.True(expected > 0);
        Assert.Equal(expected, FeatureCount(text));
    }

    [Theory]
    [InlineData("-where \"planYear = 2023\"", "planYear=2023")]
    [InlineData("-where \"district = '卫东区' AND planYear = 2021\"", "district=卫东区&planYear=2021")]
    [InlineData("-spat 113.35 33.74 113.40 33.77", "bbox=113.35,33.74,113.40,33.77")]
    public async Task GdalFiltersSelectWhatTheListApiSelects(string gdal, string api)
    {
        if (!Has("ogrinfo")) return;

        var (exit, text) = Tools.Run("ogrinfo", $"-ro -so {Service} parcels {gdal}");

        Assert.True(exit == 0, text);
        var expected = await MatchedAsync(api);
        Assert.True(expected > 0);
        Assert.Equal(expected, FeatureCount(text));
    }

    [Fact]
    public async Task OwslibReadsTheServiceAndFiltersItems()
    {
        if (Tools.PythonWith("owslib.ogcapi.features", "OWSLib (python3-owslib) is required in CI: .ci/setup.d/40-ogc-clients.sh installs it")
            is not { } python) return;
        var script = Path.Combine(AppContext.BaseDirectory, "Ogc", "owslib_client.py");

        var (exit, text) = Tools.Run(python, $"{script} {Server.Client.BaseAddress}ogc {OgcServer.LayerCollection}");

        Assert.True(exit == 0, text);
        output.WriteLine(text);
        using var read = JsonDocument.Parse(text);
        var r = read.RootElement;
        Assert.Equal(["alternate", "conformance", "data", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", "self", "service-desc", "service-doc"], r.GetProperty("landingRels").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", r.GetProperty("conformsTo").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["parcels", "projects", OgcServer.LayerCollection], r.GetProperty("collections").EnumerateArray().Select(e => e.GetString()));
        var queryables = r.GetProperty("queryables").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "district", "landUse", "planYear", "reviewStatus", "name", "areaMu", "geometry" }, queryables.ToHashSet());
        Assert.Equal("integer", r.GetProperty("queryableTypes").GetProperty("planYear").GetString());
        Assert.Equal("geometry-any", r.GetProperty("queryableTypes").GetProperty("geometry").GetString());

        // A CQL2 filter through OWSLib: what the list API's own filters and the park's name select.
        using var year = JsonDocument.Parse(await Server.Client.GetStringAsync("/api/parcels?limit=10000&planYear=2023"));
        var parks = year.RootElement.GetProperty("features").EnumerateArray().Where(f => f.GetProperty("properties").GetProperty("name").GetString()!.Contains("产业园"))
            .Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        Assert.NotEmpty(parks);
        Assert.Equal(parks.Count, r.GetProperty("cqlMatched").GetInt64());
        Assert.Equal(parks, r.GetProperty("cqlIds").EnumerateArray().Select(e => e.GetInt64()));
        using var boxed = JsonDocument.Parse(await Server.Client.GetStringAsync("/api/parcels?limit=10000&bbox=113.35,33.74,113.40,33.77"));
        var inBox = boxed.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).ToHashSet();
        Assert.NotEmpty(r.GetProperty("spatialIds").EnumerateArray());
        Assert.All(r.GetProperty("spatialIds").EnumerateArray(), id => Assert.Contains(id.GetInt64(), inBox));
        Assert.Contains("ANDD", r.GetProperty("refused").GetString());

        // The imported layer: its fields typed as imported, and both kinds of filter answered by the server.
        var layerTypes = r.GetProperty("layerQueryableTypes");
        Assert.Equal(("string", "number", "geometry-any"), (layerTypes.GetProperty("DLMC").GetString(), layerTypes.GetProperty("TBMJ").GetString(),
            layerTypes.GetProperty("geometry").GetString()));
        string Bsm(int i) => $"41040300{i:0000}";
        var forest = Enumerable.Range(0, OgcServer.LayerCount).Where(i => OgcServer.Classes[i % 5].Dlmc.Contains('林') && i % 2 == 0).Select(Bsm).ToList();
        Assert.NotEmpty(forest);
        Assert.Equal(forest.Count, r.GetProperty("layerCqlMatched").GetInt32());
        Assert.Equal(forest, r.GetProperty("layerCqlBsm").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Enumerable.Range(0, OgcServer.LayerCount).Where(i => i % 5 == 0).Select(Bsm), r.GetProperty("layerParamBsm").EnumerateArray().Select(e => e.GetString()));

        using var api = JsonDocument.Parse(await Server.Client.GetStringAsync("/api/parcels?limit=10000&planYear=2023&district=卫东区"));
        var ids = api.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        Assert.Equal(ids.Count, r.GetProperty("filteredMatched").GetInt64());
        Assert.Equal(ids, r.GetProperty("filteredIds").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Contains("卫东区人民医院", r.GetProperty("filteredNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(7, r.GetProperty("firstPageReturned").GetInt32());
        Assert.True(r.GetProperty("firstPageNext").GetBoolean());

        // EPSG:4547 through OWSLib: X north first, in metres, where LandMap's own projection puts the vertex.
        var id = r.GetProperty("metresId").GetInt64();
        using var item = JsonDocument.Parse(await Server.Client.GetStringAsync($"/ogc/collections/parcels/items/{id}"));
        // Every position of the item, whatever its geometry type (the first parcel is a line, a point or a polygon).
        var lonLat = Positions(item.RootElement.GetProperty("geometry").GetProperty("coordinates"))
            .Select(c => LandMap.Core.Crs.MetricPlane.Gk114.ToPlane(c[0].GetDouble(), c[1].GetDouble())).ToList();
        var vertex = r.GetProperty("metresFirstVertex");
        var (x, y) = (vertex[0].GetDouble(), vertex[1].GetDouble());
        Assert.True(lonLat.Min(p => Math.Sqrt(Math.Pow(p.N - x, 2) + Math.Pow(p.E - y, 2))) < 0.01, $"({x}, {y}) is no vertex of parcel {id} in EPSG:4547");
    }

    // GDAL 3.6 reads one OGC API – Tiles tile with its MVT driver (the URL from the tileset's item template, row = y, col = x);
    // its OGCAPI driver reads TileMatrixSet 1.0 only (docs/ogc-api.md). /vsicurl? with list_dir=no: the URL has no .pbf.
    [Theory]
    [InlineData(12)]
    [InlineData(14)]
    public async Task GdalReadsAnOgcTileAsTheSameParcelsAsThePagesTile(int z)
    {
        if (!Has("ogrinfo")) return;
        using var tileset = JsonDocument.Parse(await Server.Client.GetStringAsync("/ogc/collections/parcels/tiles/WebMercatorQuad"));
        var template = tileset.RootElement.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "item").GetProperty("href").GetString()!;
        var tile = await OgcTilesTests.ParkTile(Server.Client, z);
        var url = template.Replace("{tileMatrix}", $"{z}").Replace("{tileRow}", $"{tile.Y}").Replace("{tileCol}", $"{tile.X}");
        var xyz = $"-oo Z={z} -oo X={tile.X} -oo Y={tile.Y}";

        var (exit, ogc) = Tools.Run("ogrinfo", $"-ro -al \"/vsicurl?list_dir=no&url={Uri.EscapeDataString(url)}\" {xyz}");

        Assert.True(exit == 0, ogc);
        var (_, page) = Tools.Run("ogrinfo", $"-ro -al /vsicurl/{Server.Client.BaseAddress}tiles/parcels/{z}/{tile.X}/{tile.Y}.pbf {xyz}");
        Assert.True(FeatureCount(ogc) > 0);
        Assert.Equal(FeatureCount(page), FeatureCount(ogc));
        Assert.Contains("name (String) = 河南（平顶山）电子半导体产业园", ogc);
        Assert.Contains("WGS 84 / Pseudo-Mercator", ogc);
    }

    // An imported layer through GDAL as through QGIS: every plot across pages of 7, its Chinese fields intact, and -where
    // sent as CQL2 over the layer's own fields, answered by the server (the count GDAL reports is the server's).
    [Fact]
    public void Ogr2ogrCopiesAnImportedLayerAndFiltersItByItsOwnFields()
    {
        if (!Has("ogr2ogr")) return;
        var gpkg = Path.Combine(Path.GetTempPath(), $"landmap-ogc-layer-{Guid.NewGuid():N}.gpkg");
        try
        {
            var (exit, text) = Tools.Run("ogr2ogr", $"-f GPKG {gpkg} {Service} {OgcServer.LayerCollection} -nln dltb -oo PAGE_SIZE=7");

            Assert.True(exit == 0, text);
            var (_, summary) = Tools.Run("ogrinfo", $"-ro -so {gpkg} dltb");
            Assert.Equal(OgcServer.LayerCount, FeatureCount(summary));
            var (_, plot) = Tools.Run("ogrinfo", $"-ro {gpkg} dltb -where \"BSM = '410403000007'\"");
            Assert.Contains("DLMC (String) = 乔木林地", plot);
            Assert.Contains("QSDWMC (String) = 西高皇村", plot);
            Assert.Contains("TBMJ (Real) = 101753.5", plot);
        }
        finally { File.Delete(gpkg); }

        var (filtered, debug) = Tools.Run("ogrinfo", $"-ro -so --debug on {Service} {OgcServer.LayerCollection} -where \"DLBM = '0301' AND TBMJ > 102000\"");
        Assert.True(filtered == 0, debug);
        Assert.Matches(@"filter=[^&\s]+&filter-lang=cql-text", debug);
        var expected = Enumerable.Range(0, OgcServer.LayerCount).Count(i => OgcServer.Classes[i % 5].Dlbm == "0301" && 100000 + i * 250.5 > 102000);
        Assert.InRange(expected, 1, 4);
        Assert.Equal(expected, FeatureCount(debug));
    }

    private async Task<long> MatchedAsync(string query)
    {
        using var page = JsonDocument.Parse(await Server.Client.GetStringAsync($"/api/parcels?limit=1&{query}"));
        return page.RootElement.GetProperty("numberMatched").GetInt64();
    }

    private static long FeatureCount(string ogrinfo) =>
        FeatureCountRegex().Match(ogrinfo) is { Success: true } m ? long.Parse(m.Groups[1].Value) : throw new Xunit.Sdk.XunitException($"no feature count in:\n{ogrinfo}");

    [GeneratedRegex(@"Feature Count: (\d+)")]
    private static partial Regex FeatureCountRegex();

    private static IEnumerable<JsonElement> Positions(JsonElement coordinates) =>
        coordinates[0].ValueKind == JsonValueKind.Number ? [coordinates] : coordinates.EnumerateArray().SelectMany(Positions);

}
