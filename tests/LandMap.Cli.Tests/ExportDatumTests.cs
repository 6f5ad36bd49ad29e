using System.Text.Json;
using LandMap.Data;
using LandMap.Data.Layers;
using LandMap.Tests.Shared;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Cli.Tests;

/// <summary>
/// <c>landmap export --crs GCJ02|BD09</c>: the file holds GCJ-02/BD-09 coordinates (≈600 m from the stored WGS 84), and
/// reading it back with <c>landmap layer import --crs</c> of the same datum gives the stored parcels within 0.5 m.
/// </summary>
public sealed class ExportDatumTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-export-datum-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("GCJ02", "geojson", "parcels.geojson")]
    [InlineData("BD09", "shp", "parcels.shp")]
    [InlineData("GCJ02", "gpkg", "parcels.gpkg")]
    public async Task ExportInAWebDatumReadsBackThroughTheImporterWithinHalfAMetre(string crs, string format, string fileName)
    {
        var db = Path.Combine(_folder, "store.db");
        var report = Directory.GetFiles(Path.Combine(Checkout.Root, "gis-data", "reports"), "000_*.txt").Single();
        Assert.Equal(0, Landmap.Run("import", report, "--db", db).ExitCode);
        var file = Path.Combine(_folder, fileName);

        var exported = Landmap.Run("export", "--db", db, "--format", format, "--crs", crs, "--out", file);
        Assert.True(exported.ExitCode == 0, exported.Stderr);
        Assert.Contains($"crs={(crs == "GCJ02" ? "GCJ-02" : "BD-09")}", exported.Stdout);
        Assert.Contains("has no EPSG code", exported.Stderr);
        var imported = Landmap.Run("layer", "import", file, "--name", "回读", "--kind", "other", "--crs", crs, "--db", db);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        // The same file taken as WGS 84 (what its label says): the datum's offset away, so the file really is in it.
        var asLabelled = Landmap.Run("layer", "import", file, "--name", "原样", "--kind", "other", "--crs", "EPSG:4326", "--db", db);
        Assert.True(asLabelled.ExitCode == 0, asLabelled.Stderr);

        await using var store = await ParcelStoreFactory.OpenAsync(db);
        var parcels = (await store.QueryParcelsAsync(new ParcelQuery())).Where(p => p.Geometry is IPolygonal).ToDictionary(p => p.PublicId, p => p.Geometry!);
        var features = (await ILayerStore.Of(store).QueryLayerFeaturesAsync("回读", null, 1000, 0))!;
        Assert.Equal(parcels.Count, features.Count(f => f.Geometry is IPolygonal));
        var (best, worst) = Distances(features, parcels);
        var (offsetMin, offsetMax) = Distances((await ILayerStore.Of(store).QueryLayerFeaturesAsync("原样", null, 1000, 0))!, parcels);
        output.WriteLine($"{crs} {format}: {features.Count} parcels back within {best:F3}–{worst:F3} m of the stored WGS 84; as labelled {offsetMin:F0}–{offsetMax:F0} m off");
        Assert.True(worst < 0.5, $"{worst:F3} m");
        Assert.InRange(offsetMin, 400, 2000);
    }

    [Fact]
    public void AnUnknownCrsIsAUsageErrorNamingTheOption()
    {
        var (exit, _, stderr) = Landmap.Run("export", "--db", Path.Combine(_folder, "none.db"), "--format", "geojson", "--crs", "WGS72", "--out", Path.Combine(_folder, "x.geojson"));

        Assert.NotEqual(0, exit);
        Assert.Contains("--crs 'WGS72'", stderr);
        Assert.False(File.Exists(Path.Combine(_folder, "x.geojson")));
    }

    // The smallest and largest Hausdorff distance (m) between each read-back polygon and its stored parcel, by public id.
    private static (double Min, double Max) Distances(IEnumerable<StoredLayerFeature> features, Dictionary<long, Geometry> parcels)
    {
        var distances = new List<double>();
        foreach (var feature in features.Where(f => f.Geometry is IPolygonal))
        {
            using var attributes = JsonDocument.Parse(feature.AttributesJson);
            var id = (attributes.RootElement.TryGetProperty("id", out var v) ? v : attributes.RootElement.GetProperty("parcel_id")).GetInt64();
            distances.Add(DiscreteHausdorffDistance.Distance(Metric(feature.Geometry), Metric(parcels[id])));
        }
        Assert.NotEmpty(distances);
        return (distances.Min(), distances.Max());
    }

    // Local equirectangular metres at Pingdingshan: enough for distances of a metre.
    private static Geometry Metric(Geometry wgs84)
    {
        var copy = wgs84.Copy();
        copy.Apply(new Equirectangular());
        return copy;
    }

    private sealed class Equirectangular : ICoordinateSequenceFilter
    {
        private const double K = 6371008.8 * Math.PI / 180;

        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, seq.GetX(i) * K * Math.Cos(33.73 * Math.PI / 180));
            seq.SetY(i, seq.GetY(i) * K);
        }
    }
}
