using System.Net;
using System.Text.Json;
using LandMap.Core.Layers;
using LandMap.Server.Tests.Layers;

namespace LandMap.Server.Tests.Review;

/// <summary>
/// A cadastre names owners (权利人): reviewers and admins see it; anonymous users and viewers do not — not in the lists, not
/// its features, not its tiles, not as an OGC API collection — and to them it answers as a layer that does not exist.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class CadastreAccessTests(ReviewApplication app)
{
    private const string Cadastre = "测试宗地";
    private const string Source = "layer-测试宗地";

    [Fact]
    public async Task OnlyReviewersSeeACadastreAnywhere()
    {
        var anonymous = await app.ClientAsync();
        await TestLayers.ImportAsync(app.DatabasePath, Cadastre, LayerKind.Cadastre,
            TestLayers.Square(113.40, 33.76, 0.002, """{"ZDDM":"410403001001GB00001","QLR":"张三","ZDMJ":48000}"""));
        var viewer = await app.ClientAsync("viewer");
        var reviewer = await app.ClientAsync("reviewer");
        var features = $"/api/layers/{Uri.EscapeDataString(Cadastre)}/features";
        var tile = $"/tiles/{Uri.EscapeDataString(Source)}/14/13545/6561.pbf";
        var ogc = $"/ogc/collections/{Uri.EscapeDataString(Source)}";

        foreach (var client in new[] { anonymous, viewer })
        {
            Assert.DoesNotContain(Cadastre, await client.GetStringAsync("/api/layers"));
            Assert.DoesNotContain(Source, await client.GetStringAsync("/tiles"));
            var refused = await client.GetAsync(features);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("张三", await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tiles/{Uri.EscapeDataString(Source)}.json")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(tile)).StatusCode);
            // OGC API clients (QGIS, GDAL) are told the same: no such collection, its features and tiles unknown.
            Assert.DoesNotContain(Source, await client.GetStringAsync("/ogc/collections"));
            Assert.DoesNotContain(Cadastre, await client.GetStringAsync("/ogc/api"));
            foreach (var path in new[] { ogc, $"{ogc}/items", $"{ogc}/queryables", $"{ogc}/tiles/WebMercatorQuad/14/6561/13545" })
            {
                var hidden = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
                Assert.DoesNotContain("张三", await hidden.Content.ReadAsStringAsync());
            }
        }

        Assert.Contains(Cadastre, await reviewer.GetStringAsync("/api/layers"));
        Assert.Contains(Source, await reviewer.GetStringAsync("/tiles"));
        using var page = JsonDocument.Parse(await reviewer.GetStringAsync(features));
        Assert.Equal("张三", page.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("QLR").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/tiles/{Uri.EscapeDataString(Source)}.json")).StatusCode);
        Assert.Contains(Source, await reviewer.GetStringAsync("/ogc/collections"));
        using var items = JsonDocument.Parse(await reviewer.GetStringAsync($"{ogc}/items"));
        Assert.Equal("张三", items.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("QLR").GetString());
    }
}
