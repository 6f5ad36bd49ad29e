using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LandMap.Tests.Shared;
using LandMap.Tiles.Vector;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using Xunit.Abstractions;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// Several servers, one PostGIS: two real <c>landmap serve</c> processes over one schema. A geometry save and a link
/// decision on one are served by the other at its very next request — parcel detail, parcel tile (shape and ETag) and
/// plan diff — although its caches were filled just before. Each check first sees the old state, so it can fail.
/// </summary>
[Trait("Category", "Postgis")]
public sealed class TwoServersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Reviewer = "two.reviewer";
    private const string Password = "two-servers-share-one-store";
    /// <summary>卫东区 2023 #5, the parcel the review suites edit too.</summary>
    private const long ParcelId = 410403202300005;
    /// <summary>A pair the linker carries: 2021 #22 → 2023 #17 in 卫东区 (see LinkDecisionApiTests).</summary>
    private const int FromSeq = 22, ToSeq = 17;
    private const long ToParcelId = 410403202300017;
    private const string Diff = "/api/plans/diff?from=2021&to=2023&district=卫东区";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private readonly string _schema = "landmap_two_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _tiles = Directory.CreateTempSubdirectory("landmap-two-tiles-").FullName;
    private string _db = "";

    public async Task InitializeAsync()
    {
        if (TestPostgis.ConnectionString is null && !TestPostgis.IsCi) return;
        _db = await TestPostgis.CreateSchemaAsync(_schema);
        // Both servers read the basemap from one temporary folder: A builds it, B finds it built.
        File.Copy(Path.Combine(Checkout.Root, "tiles", "style.json"), Path.Combine(_tiles, "style.json"));
    }

    public async Task DisposeAsync()
    {
        if (_db.Length > 0) await TestPostgis.DropSchemaAsync(_schema);
        Directory.Delete(_tiles, recursive: true);
    }

    [PostgisFact]
    public async Task WriteOnOneServerIsServedByTheOtherAtItsNextRequest()
    {
        // The store as an operator prepares it: reports imported and a reviewer added with the landmap command.
        var clock = Stopwatch.StartNew();
        Landmap(null, ["import", .. Directory.GetFiles(Path.Combine(Checkout.Root, "gis-data", "reports")).Order(), "--db", _db]);
        Landmap(Password, "user", "add", Reviewer, "--role", "reviewer", "--db", _db);
        output.WriteLine($"import and user add: {clock.ElapsedMilliseconds} ms");

        var settings = new Dictionary<string, string> { ["LandMap__TilesDirectory"] = _tiles };
        using var a = await ServerProcess.StartAsync("A", _db, settings, StartTimeout);
        output.WriteLine($"A answered after {a.StartUp.TotalMilliseconds:0} ms (basemap built: {File.Exists(Path.Combine(_tiles, "basemap.mbtiles"))})");
        using var b = await ServerProcess.StartAsync("B", _db, settings, StartTimeout);
        output.WriteLine($"B answered after {b.StartUp.TotalMilliseconds:0} ms");
        try
        {
            await CheckWritesCrossOverAsync(a, b);
        }
        catch
        {
            output.WriteLine($"--- A ---\n{a.Output}\n--- B ---\n{b.Output}");
            throw;
        }
    }

    private async Task CheckWritesCrossOverAsync(ServerProcess a, ServerProcess b)
    {
        // Signing in first: the token key is created in the store at the first token, a write of its own.
        var token = await TokenAsync(a.Client);

        // B before: its caches filled with the old state.
        var before = await ParcelAsync(b.Client, ParcelId);
        Assert.True(before.Geometry is Polygon or MultiPolygon, $"parcel {ParcelId} should be an outline: {before.Geometry.AsText()}");
        var tile = TileAddress.At(before.Geometry.Centroid.X, before.Geometry.Centroid.Y, 14);
        var newShape = SquareFarFrom(before.Geometry.Centroid, tile.Bounds);
        var oldTile = await TileAsync(b.Client, tile);
        Assert.Equal(HttpStatusCode.OK, oldTile.Status);
        Assert.True(oldTile.Feature!.Centroid.Distance(newShape.Centroid) > 0.003, $"the old outline lies apart from the new one: {oldTile.Feature.AsText()}");
        Assert.Equal(HttpStatusCode.NotModified, (await TileAsync(b.Client, tile, oldTile.ETag)).Status);
        Assert.Equal(oldTile.ETag, (await TileAsync(a.Client, tile)).ETag);
        Assert.Equal("carried", (await DiffLineAsync(b.Client, FromSeq)).Class);
        Assert.Equal("carried", (await AppearanceAsync(b.Client, ToParcelId)).GetProperty("class").GetString());
        Assert.Empty((await LinkDecisionsAsync(b.Client)).EnumerateArray());
        var (elsewhere, elsewhereETag) = await TileElsewhereAsync(b.Client, before.Geometry.EnvelopeInternal);

        // A writes: a new outline for the parcel, and the link broken.
        var saved = await PutGeometryAsync(a.Client, token, ParcelId, newShape, before.ETag, "two servers: moved");
        Assert.NotEqual(before.ETag, saved);
        await DecideAsync(a.Client, token, "break", "两个服务进程：并非同一项目");

        // B at its very next request: the new version and outline, a tile with the new shape under a new ETag, the broken link.
        var after = await ParcelAsync(b.Client, ParcelId);
        Assert.Equal(saved, after.ETag);
        AssertSameShape(newShape, after.Geometry);
        var newTile = await TileAsync(b.Client, tile, oldTile.ETag);
        Assert.Equal(HttpStatusCode.OK, newTile.Status);
        Assert.NotEqual(oldTile.ETag, newTile.ETag);
        AssertSameShape(newShape, newTile.Feature!);
        var dropped = await DiffLineAsync(b.Client, FromSeq);
        Assert.Equal("dropped", dropped.Class);
        var brokenLink = Assert.Single(dropped.Diff.GetProperty("brokenLinks").EnumerateArray());
        Assert.Equal("两个服务进程：并非同一项目", brokenLink.GetProperty("comment").GetString());
        Assert.Equal("new", (await AppearanceAsync(b.Client, ToParcelId)).GetProperty("class").GetString());
        Assert.Equal("broken", Assert.Single((await LinkDecisionsAsync(b.Client)).EnumerateArray()).GetProperty("verdict").GetString());
        // A tile whose parcels the write left alone keeps its ETag (a fingerprint of what it draws): B answers 304.
        Assert.Equal(HttpStatusCode.NotModified, (await TileAsync(b.Client, elsewhere, elsewhereETag)).Status);
        output.WriteLine($"B after A's writes: version {before.ETag} → {after.ETag}, tile ETag {oldTile.ETag} → {newTile.ETag}, link {FromSeq}→{ToSeq} {dropped.Class}");

        // The other way once: A's caches hold the new state, B (with A's token: the key is in the store) writes it back.
        Assert.Equal(newTile.ETag, (await TileAsync(a.Client, tile)).ETag);
        Assert.Equal("dropped", (await DiffLineAsync(a.Client, FromSeq)).Class);
        var restored = await PutGeometryAsync(b.Client, token, ParcelId, before.Geometry, after.ETag, "two servers: back");
        await DecideAsync(b.Client, token, "reset", null);
        var back = await ParcelAsync(a.Client, ParcelId);
        Assert.Equal(restored, back.ETag);
        AssertSameShape(before.Geometry, back.Geometry);
        var backTile = await TileAsync(a.Client, tile, newTile.ETag);
        Assert.Equal(HttpStatusCode.OK, backTile.Status);
        AssertSameShape(oldTile.Feature!, backTile.Feature!);
        Assert.Equal("carried", (await DiffLineAsync(a.Client, FromSeq)).Class);
        output.WriteLine($"A after B's writes: version {after.ETag} → {back.ETag}, tile ETag {newTile.ETag} → {backTile.ETag}, link carried again");
    }

    /// <summary>A 0.002° square in the quarter of <paramref name="tile"/> farthest from <paramref name="point"/>: inside the tile, so never clipped.</summary>
    private static Polygon SquareFarFrom(Point point, Envelope tile)
    {
        var x = point.X < tile.Centre.X ? tile.MinX + tile.Width * 0.75 : tile.MinX + tile.Width * 0.25;
        var y = point.Y < tile.Centre.Y ? tile.MinY + tile.Height * 0.75 : tile.MinY + tile.Height * 0.25;
        const double half = 0.001;
        return new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon(
            [new(x - half, y - half), new(x + half, y - half), new(x + half, y + half), new(x - half, y + half), new(x - half, y - half)]);
    }

    /// <summary>Same place and size: centroids within about 10 m and areas within 2 % (tiles round to 1/4096 of a tile).</summary>
    private static void AssertSameShape(Geometry expected, Geometry actual)
    {
        var same = expected.Centroid.Distance(actual.Centroid) < 1e-4 && Math.Abs(actual.Area / expected.Area - 1) < 0.02;
        Assert.True(same, $"expected {expected.Normalized().AsText()}\nactual   {actual.Normalized().AsText()}");
    }

    private static async Task<(string ETag, Geometry Geometry)> ParcelAsync(HttpClient client, long id)
    {
        var response = await client.GetAsync($"/api/parcels/{id}");
        response.EnsureSuccessStatusCode();
        var feature = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.Headers.ETag!.Tag, feature.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!);
    }

    /// <summary>A z14 parcel tile with parcels (one of 卫东区 2023's) whose clip box stays clear of <paramref name="written"/>, and its ETag.</summary>
    private static async Task<(TileAddress Tile, string ETag)> TileElsewhereAsync(HttpClient client, Envelope written)
    {
        for (var seq = 1; seq <= 25; seq++)
        {
            var (_, geometry) = await ParcelAsync(client, 410403202300000 + seq);
            if (geometry.IsEmpty) continue;
            var tile = TileAddress.At(geometry.Centroid.X, geometry.Centroid.Y, 14);
            if (MvtEncoder.ClipEnvelope(tile).Intersects(written)) continue;
            using var response = await client.GetAsync($"/tiles/parcels/{tile.Z}/{tile.X}/{tile.Y}.pbf");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (tile, response.Headers.ETag!.Tag);
        }
        throw new InvalidOperationException("No 卫东区 2023 parcel lies in a z14 tile apart from the written one.");
    }

    /// <summary>The parcel tile and, decoded, the feature of <see cref="ParcelId"/> in it (null on 304).</summary>
    private static async Task<(HttpStatusCode Status, string ETag, Geometry? Feature)> TileAsync(HttpClient client, TileAddress tile, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tiles/parcels/{tile.Z}/{tile.X}/{tile.Y}.pbf");
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        using var response = await client.SendAsync(request);
        var etag = response.Headers.ETag!.Tag;
        if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, etag, null);
        var bytes = MvtEncoder.Gunzip(await response.Content.ReadAsByteArrayAsync());
        var decoded = new MapboxTileReader().Read(new MemoryStream(bytes), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z));
        var feature = decoded.Layers.Single(l => l.Name == "parcels").Features.Single(f => Convert.ToInt64(f.Attributes["id"]) == ParcelId);
        return (response.StatusCode, etag, feature.Geometry);
    }

    private static async Task<(string Class, JsonElement Diff)> DiffLineAsync(HttpClient client, int fromSeq)
    {
        var diff = await client.GetFromJsonAsync<JsonElement>(Diff);
        var line = diff.GetProperty("entries").EnumerateArray()
            .Single(l => l.GetProperty("from").ValueKind == JsonValueKind.Object && l.GetProperty("from").GetProperty("seq").GetInt32() == fromSeq);
        return (line.GetProperty("class").GetString()!, diff);
    }

    /// <summary>The parcel panel's link from 2021 to 2023.</summary>
    private static async Task<JsonElement> AppearanceAsync(HttpClient client, long id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/parcels/{id}")).GetProperty("properties").GetProperty("appearances").EnumerateArray()
            .Single(l => l.GetProperty("fromYear").GetInt32() == 2021);

    private static async Task<JsonElement> LinkDecisionsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/plans/links?district=卫东区")).GetProperty("decisions");

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/auth/token", new { user = Reviewer, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<string> PutGeometryAsync(HttpClient client, string token, long id, Geometry geometry, string etag, string comment)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/parcels/{id}/geometry")
        {
            Content = JsonContent.Create(new { geometry = JsonSerializer.SerializeToElement(geometry, GeoJson), comment }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
    }

    private static async Task DecideAsync(HttpClient client, string token, string decision, string? comment)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/plans/links")
        {
            Content = JsonContent.Create(new
            {
                district = "卫东区", from = new { planYear = 2021, seq = FromSeq }, to = new { planYear = 2023, seq = ToSeq }, decision, comment,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs the landmap command to its end, typing <paramref name="input"/> (a password) when given.</summary>
    private void Landmap(string? input, params string[] args)
    {
        using var process = Checkout.StartLandmap(new Dictionary<string, string>(), args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) process.StandardInput.WriteLine(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"landmap {args[0]} did not finish in 300 s");
        }
        Assert.True(process.ExitCode == 0, $"landmap {args[0]} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        output.WriteLine(stdout.Result.Split('\n').LastOrDefault(l => l.Length > 0));
    }
}
