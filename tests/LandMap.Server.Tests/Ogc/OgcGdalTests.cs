using System.Text.Json;
using System.Text.RegularExpressions;
using LandMap.Server.Tests.Api;

namespace LandMap.Server.Tests.Ogc;

/// <summary>
/// GDAL's OAPIF driver (gdal-bin from Debian, installed by .ci/run) as a real client of <c>/ogc</c> on a real
/// <c>landmap serve</c> process over a fresh store of the sample reports: it lists the collections, copies every parcel to a
/// GeoPackage through pages of 7 with Chinese attributes intact, and its attribute and spatial filters select what the
/// server's own list API selects. Required in CI; skipped locally only when ogrinfo is missing.
/// </summary>
public sealed partial class OgcGdalTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-ogc-gdal-").FullName;
    private ServerProcess? _server;

    public async Task InitializeAsync()
    {
        if (Tools.Find("ogrinfo") is null)
        {
            Assert.False(Tools.InCi, "ogrinfo (GDAL) is required in CI for the OGC API tests: gdal-bin is installed by .ci/setup.d");
            return;
        }
        _server = await ServerProcess.StartAsync("ogc", Path.Combine(_folder, "ogc.db"), new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private string Service => $"OAPIF:{_server!.Client.BaseAddress}ogc";

    [Fact]
    public void OgrinfoListsBothCollections()
    {
        if (_server is null) return;

        var (exit, output) = Tools.Run("ogrinfo", $"-ro {Service}");

        Assert.True(exit == 0, output);
        Assert.Contains("parcels (title: 用地保障地块)", output);
        Assert.Contains("projects (title: 重点项目) (Point)", output);
    }

    [Fact]
    public async Task Ogr2ogrCopiesEveryParcelAcrossPagesWithChineseAttributes()
    {
        if (_server is null) return;
        var gpkg = Path.Combine(_folder, "parcels.gpkg");

        var (exit, output) = Tools.Run("ogr2ogr", $"-f GPKG {gpkg} {Service} parcels -oo PAGE_SIZE=7");

        Assert.True(exit == 0, output);
        var matched = await MatchedAsync("");
        Assert.True(matched > 7 * 3, $"only {matched} parcels: the copy must span several pages");
        var (_, summary) = Tools.Run("ogrinfo", $"-ro -so {gpkg} parcels");
        Assert.Equal(matched, FeatureCount(summary));
        var (_, park) = Tools.Run("ogrinfo", $"-ro {gpkg} parcels -where \"id = 410403202300001\"");
        Assert.Contains("name (String) = 河南（平顶山）电子半导体产业园", park);
        Assert.Contains("district (String) = 卫东区", park);
        Assert.Contains("landUseName (String) = 产业园区", park);
    }

    [Theory]
    [InlineData("-where \"planYear = 2023\"", "planYear=2023")]
    [InlineData("-where \"district = '卫东区' AND planYear = 2021\"", "district=卫东区&planYear=2021")]
    [InlineData("-spat 113.35 33.74 113.40 33.77", "bbox=113.35,33.74,113.40,33.77")]
    public async Task GdalFiltersSelectWhatTheListApiSelects(string gdal, string api)
    {
        if (_server is null) return;

        var (exit, output) = Tools.Run("ogrinfo", $"-ro -so {Service} parcels {gdal}");

        Assert.True(exit == 0, output);
        var expected = await MatchedAsync(api);
        Assert.True(expected > 0);
        Assert.Equal(expected, FeatureCount(output));
    }

    private async Task<long> MatchedAsync(string query)
    {
        using var page = JsonDocument.Parse(await _server!.Client.GetStringAsync($"/api/parcels?limit=1&{query}"));
        return page.RootElement.GetProperty("numberMatched").GetInt64();
    }

    private static long FeatureCount(string ogrinfo) =>
        FeatureCountRegex().Match(ogrinfo) is { Success: true } m ? long.Parse(m.Groups[1].Value) : throw new Xunit.Sdk.XunitException($"no feature count in:\n{ogrinfo}");

    [GeneratedRegex(@"Feature Count: (\d+)")]
    private static partial Regex FeatureCountRegex();
}
