using LandMap.Core.Gazetteer;
using LandMap.Server.Hosting;
using LandMap.Tiles.Basemap;
using LandMap.Tiles.MbTiles;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// A basemap built from another gazetteer — such as the GCJ-02 sketch before its conversion, ~600 m off every parcel — is
/// rebuilt at start-up, not served.
/// </summary>
public sealed class StaleBasemapTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-basemap-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task BasemapOfAnotherGazetteerIsRebuiltAtStart()
    {
        var tiles = Directory.CreateDirectory(Path.Combine(_folder, "tiles")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.Tiles, "style.json"), Path.Combine(tiles, "style.json"));
        var basemap = Path.Combine(tiles, "basemap.mbtiles");
        var shipped = GazetteerIndex.LoadDirectory(Path.Combine(RepositoryPaths.GisData, "gazetteer")).Gazetteer!;
        // The old basemap: one road 600 m west of where the gazetteer now has it.
        var old = new GazetteerIndex([new GazetteerFeature
        {
            Name = "平安大道", Kind = PlaceKind.Road, District = "卫东区",
            Geometry = new GeometryFactory(new PrecisionModel(), 4326).CreateLineString([new(113.40, 33.75), new(113.42, 33.75)]),
        }]);
        BasemapBuilder.Build(old, basemap, new BasemapOptions(10, 11));
        Assert.False(BasemapStamp.IsBuiltFrom(MbTilesFile.ReadMetadata(basemap), shipped));

        using var server = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("LandMap:Database", Path.Combine(_folder, "landmap.db"));
            builder.UseSetting("LandMap:TilesDirectory", tiles);
        });
        using var client = server.CreateClient();
        var tileJson = await client.GetStringAsync("/tiles/basemap.json");

        Assert.True(BasemapStamp.IsBuiltFrom(MbTilesFile.ReadMetadata(basemap), shipped));
        Assert.Contains("\"maxzoom\":16", tileJson.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
