using System.Text.Json;
using LandMap.Core.Crs;
using LandMap.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// The investor facts of <c>GET /api/parcels/{id}</c> (nearest road and railway, park, availability, contact) and the
/// <c>available</c> filter of <c>GET /api/parcels</c>, over the shipped reports and gazetteer.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class InvestorApiTests(LandMapApplication app)
{
    /// <summary>The 卫东区 电子半导体产业园 of the 2023 plan, whose project operates (投产运营) in the sample reports.</summary>
    private const long OperatingPark = 410403202300001;
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task NearestRoadAndRailwayAreTheBruteForceNearestOfTheGazetteerFiles()
    {
        var roads = GazetteerFeatures("road");
        var railways = GazetteerFeatures("railway");
        Assert.True(roads.Count > 10 && railways.Count > 0);
        using var list = await GetJson("/api/parcels?limit=10000");
        var checkedParcels = 0;
        foreach (var feature in list.RootElement.GetProperty("features").EnumerateArray().Where(f => f.GetProperty("geometry").ValueKind != JsonValueKind.Null))
        {
            var id = feature.GetProperty("id").GetInt64();
            using var detail = await GetJson($"/api/parcels/{id}");
            var investor = detail.RootElement.GetProperty("properties").GetProperty("investor");
            var parcel = MetricPlane.Gk114.ToPlane(ReadGeometry(detail.RootElement.GetProperty("geometry")));
            foreach (var (member, candidates) in new[] { ("nearestRoad", roads), ("nearestRailway", railways) })
            {
                // Every feature of the kind, measured in EPSG:4547 metres: no index, no search radius.
                var nearest = candidates.Select(c => (c.Name, Distance: c.Gk.Distance(parcel))).MinBy(c => c.Distance);
                var answer = investor.GetProperty(member);
                Assert.True(answer.ValueKind == JsonValueKind.Object, $"{id}: {member} missing");
                Assert.True(Math.Abs(nearest.Distance - answer.GetProperty("distanceM").GetDouble()) <= 0.5,
                    $"{id} {member}: brute force {nearest.Name} at {nearest.Distance:F1} m, API {answer}");
                // Two features equally near (both touch the parcel) may come in either order; their distance is the one.
                var named = candidates.Single(c => c.Name == answer.GetProperty("name").GetString());
                Assert.Equal(nearest.Distance, named.Gk.Distance(parcel), 0.5);
            }
            checkedParcels++;
        }
        Assert.True(checkedParcels >= 25, $"only {checkedParcels} parcels with a geometry");
    }

    [Fact]
    public async Task AvailableLeavesOutTheOperatingParkAndOnlyIt()
    {
        var all = await Ids("/api/parcels?limit=10000");
        var available = await Ids("/api/parcels?limit=10000&available=true");
        var occupied = await Ids("/api/parcels?limit=10000&available=false");
        Assert.Contains(OperatingPark, all);
        Assert.Equal([OperatingPark], occupied);
        Assert.Equal(all.Where(id => id != OperatingPark), available);
        // The 找地 query an investor makes: industrial land over 100 亩 still to find.
        var industrial = await Ids("/api/parcels?use=industrial-land&minAreaMu=100&available=TRUE");
        Assert.DoesNotContain(OperatingPark, industrial);
        Assert.NotEmpty(industrial);

        using var park = await GetJson($"/api/parcels/{OperatingPark}");
        var p = park.RootElement.GetProperty("properties");
        Assert.Equal("operating", p.GetProperty("projectStage").GetString());
        Assert.False(p.GetProperty("investor").GetProperty("available").GetBoolean());
        using var other = await GetJson($"/api/parcels/{industrial[0]}");
        Assert.True(other.RootElement.GetProperty("properties").GetProperty("investor").GetProperty("available").GetBoolean());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("true,false")]
    public async Task AvailableIsABoolean(string value) =>
        await ProblemAssert.NamesParameter(await _client.GetAsync($"/api/parcels?available={Uri.EscapeDataString(value)}"), "available");

    [Fact]
    public async Task ParkIsTheOutlineThatHoldsTheParcelOrNone()
    {
        // A 2021 building-materials works inside the 工业静脉产业园 landmark; a 2023 coal works in no park outline.
        using var inPark = await GetJson("/api/parcels/410403202100032");
        var park = inPark.RootElement.GetProperty("properties").GetProperty("investor").GetProperty("park");
        Assert.Equal(("平顶山工业静脉产业园", "gazetteer"), (park.GetProperty("name").GetString(), park.GetProperty("source").GetString()));
        using var outside = await GetJson("/api/parcels/410403202300002");
        Assert.Equal(JsonValueKind.Null, outside.RootElement.GetProperty("properties").GetProperty("investor").GetProperty("park").ValueKind);
    }

    [Fact]
    public async Task ContactIsShownOnlyWhenConfigured()
    {
        using var plain = await GetJson($"/api/parcels/{OperatingPark}");
        Assert.Equal(JsonValueKind.Null, plain.RootElement.GetProperty("properties").GetProperty("investor").GetProperty("contact").ValueKind);

        const string Contact = "平顶山市卫东区投资促进中心 0375-1234567";
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("LandMap:Investor:Contact", Contact));
        using var detail = JsonDocument.Parse(await configured.CreateClient().GetStringAsync($"/api/parcels/{OperatingPark}"));
        Assert.Equal(Contact, detail.RootElement.GetProperty("properties").GetProperty("investor").GetProperty("contact").GetString());
    }

    [Fact]
    public async Task AGazetteerThatCannotBeLoadedLeavesTheDistancesUnknownAndTheDetailServed()
    {
        var empty = Directory.CreateTempSubdirectory("landmap-no-gazetteer-").FullName;
        try
        {
            using var server = app.WithWebHostBuilder(b => b.UseSetting("LandMap:GazetteerDirectory", empty));
            var response = await server.CreateClient().GetAsync($"/api/parcels/{OperatingPark}");

            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            using var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var investor = detail.RootElement.GetProperty("properties").GetProperty("investor");
            Assert.Equal(JsonValueKind.Null, investor.GetProperty("nearestRoad").ValueKind);
            Assert.Equal(JsonValueKind.Null, investor.GetProperty("nearestRailway").ValueKind);
            Assert.False(investor.GetProperty("available").GetBoolean());
        }
        finally { Directory.Delete(empty, recursive: true); }
    }

    /// <summary>Every feature of one kind in the gazetteer's GeoJSON files, projected to EPSG:4547.</summary>
    private static List<(string Name, Geometry Gk)> GazetteerFeatures(string kind)
    {
        var found = new List<(string, Geometry)>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.GisData, "gazetteer"), "*.geojson"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
            {
                var properties = feature.GetProperty("properties");
                if (properties.TryGetProperty("kind", out var k) && k.GetString() == kind)
                    found.Add((properties.GetProperty("name").GetString()!, MetricPlane.Gk114.ToPlane(ReadGeometry(feature.GetProperty("geometry")))));
            }
        }
        return found;
    }

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private static Geometry ReadGeometry(JsonElement geometry) => geometry.Deserialize<Geometry>(GeoJson)!;

    private async Task<List<long>> Ids(string url)
    {
        using var list = await GetJson(url);
        return list.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).ToList();
    }

    private async Task<JsonDocument> GetJson(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
