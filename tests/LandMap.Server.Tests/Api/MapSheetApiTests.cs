using System.Net;
using System.Text.Json;
using LandMap.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// <c>GET /api/maps/sheet.pdf</c> over the shipped reports: a one-page PDF of the view (read back with poppler's pdfinfo and
/// pdftotext), and a 400 problem naming each bad parameter before the store is read.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MapSheetApiTests(LandMapApplication app)
{
    private const string Weidong = "%E5%8D%AB%E4%B8%9C%E5%8C%BA";
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task TheViewPrintsAsOneA3LandscapePdfNamedForTheDistrictAndYear()
    {
        var response = await _client.GetAsync($"/api/maps/sheet.pdf?planYear=2023&district={Weidong}&bbox=113.28,33.70,113.42,33.80&layers=basemap,parcels,labels,projects");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("LandMap专题图-卫东区-2023年-", response.Content.Headers.ContentDisposition?.FileNameStar);
        var pdf = await SaveAsync(await response.Content.ReadAsByteArrayAsync());
        var info = Poppler("pdfinfo", pdf);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Matches(@"Page size:\s+1190\.\d+ x 841\.\d+ pts \(A3\)", info);
        Assert.Contains("卫东区2023年用地保障重点项目分布图", Squash(Poppler("pdftotext", $"{pdf} -")));
        File.Delete(pdf);
    }

    [Fact]
    public async Task TheBoxOfOneParcelPrintsThatParcelAndNotTheDistrictsOthers()
    {
        using var list = JsonDocument.Parse(await _client.GetStringAsync($"/api/parcels?planYear=2023&district={Weidong}&sortby=-areaMu&limit=25"));
        var features = list.RootElement.GetProperty("features").EnumerateArray().ToList();
        // The smallest parcel with an outline; the box is its own, a few metres wider.
        var smallest = features.Where(f => f.GetProperty("geometry").ValueKind == JsonValueKind.Object).Last();
        var (minLon, minLat, maxLon, maxLat) = Box(smallest.GetProperty("geometry"));
        var bbox = FormattableString.Invariant($"{minLon - 0.0001},{minLat - 0.0001},{maxLon + 0.0001},{maxLat + 0.0001}");

        var response = await _client.GetAsync($"/api/maps/sheet.pdf?planYear=2023&district={Weidong}&bbox={bbox}&paper=A4&orientation=portrait");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await SaveAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Matches(@"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", Poppler("pdfinfo", pdf));
        var text = Squash(Poppler("pdftotext", $"{pdf} -"));
        var name = smallest.GetProperty("properties").GetProperty("name").GetString()!;
        Assert.Contains(Squash(name[..Math.Min(8, name.Length)]), text);
        // The largest parcel of the year lies elsewhere: not on this sheet.
        var largest = features[0].GetProperty("properties").GetProperty("name").GetString()!;
        Assert.DoesNotContain(Squash(largest), text);
        File.Delete(pdf);
    }

    [Theory]
    [InlineData("planYear=twenty", "planYear")]
    [InlineData("bbox=113.3,33.7,113.4", "bbox")]
    [InlineData("bbox=113.4,33.7,113.3,33.8", "bbox")]
    [InlineData("bbox=100,20,120,40", "bbox")]
    [InlineData("layers=basemap,satellite", "layers")]
    [InlineData("paper=A5", "paper")]
    [InlineData("orientation=sideways", "orientation")]
    public async Task ABadParameterIsA400NamingItAndReadsNoParcel(string query, string parameter)
    {
        var store = await app.Services.GetRequiredService<StoreAccess>().GetAsync();
        var read = store.ParcelRowsRead;

        var response = await _client.GetAsync($"/api/maps/sheet.pdf?{query}");

        await ProblemAssert.NamesParameter(response, parameter);
        Assert.Equal(read, store.ParcelRowsRead);
    }

    [Fact]
    public async Task AnUnknownLayerIsNamedWithTheLayersAccepted()
    {
        var response = await _client.GetAsync("/api/maps/sheet.pdf?layers=parcels,satellite");

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty("layers")[0].GetString();
        Assert.Contains("'satellite'", message);
        Assert.Contains("basemap, parcels, labels, projects", message);
    }

    private static (double, double, double, double) Box(JsonElement geometry)
    {
        var points = new List<(double Lon, double Lat)>();
        void Walk(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Array) return;
            if (e.GetArrayLength() >= 2 && e[0].ValueKind == JsonValueKind.Number) { points.Add((e[0].GetDouble(), e[1].GetDouble())); return; }
            foreach (var child in e.EnumerateArray()) Walk(child);
        }
        Walk(geometry.GetProperty("coordinates"));
        return (points.Min(p => p.Lon), points.Min(p => p.Lat), points.Max(p => p.Lon), points.Max(p => p.Lat));
    }

    private static async Task<string> SaveAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"landmap-map-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        return path;
    }

    private static string Poppler(string tool, string arguments)
    {
        var (exit, output) = Tools.Run(tool, arguments);
        Assert.True(exit == 0, $"{tool} {arguments}: {output}");
        return output;
    }

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", "");
}
