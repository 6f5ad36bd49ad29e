using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LandMap.Core.Crs;

namespace LandMap.Data.Tests.Layers;

/// <summary>
/// Layer files as GDAL writes them: a WGS 84 GeoJSON of 三调-like polygons written here, turned into each format and
/// CRS by ogr2ogr, and GDAL's own areas for them (ogrinfo's SQLite dialect, after ogr2ogr reprojects to the GK zone).
/// </summary>
internal static class OgrFiles
{
    public static readonly string[] Classes = ["水田", "旱地", "城镇住宅用地", "有林地", "农村道路"];

    /// <summary>Polygon i: a skewed quadrilateral of a few hectares near 113.3°E, 33.7°N, class Classes[i % 5].</summary>
    public static (double Lon, double Lat)[] Ring(int i)
    {
        var (lon, lat) = (113.20 + (i % 7) * 0.021, 33.62 + (i / 7) * 0.017);
        var (w, h) = (0.002 + (i % 3) * 0.0007, 0.0015 + (i % 4) * 0.0004);
        return [(lon, lat), (lon + w, lat + 0.0002), (lon + w * 1.1, lat + h), (lon - 0.0003, lat + h * 0.9), (lon, lat)];
    }

    /// <summary>A FeatureCollection of <paramref name="count"/> features; <paramref name="shift"/> maps each position (GCJ-02 for one test).</summary>
    public static string GeoJson(int count, Func<double, double, (double, double)>? shift = null)
    {
        var features = Enumerable.Range(0, count).Select(i => new
        {
            type = "Feature",
            properties = new Dictionary<string, object> { ["BSM"] = $"4104030{i:00000}", ["DLBM"] = $"0{1 + i % 5}01", ["DLMC"] = Classes[i % 5], ["TBMJ"] = 1000.5 + i },
            geometry = new { type = "Polygon", coordinates = new[] { Ring(i).Select(p => shift is null ? new[] { p.Lon, p.Lat } : ToArray(shift(p.Lon, p.Lat))).ToArray() } },
        });
        return JsonSerializer.Serialize(new { type = "FeatureCollection", features });
    }

    private static double[] ToArray((double X, double Y) p) => [p.X, p.Y];

    public static string WriteSource(string folder, int count, Func<double, double, (double, double)>? shift = null, string name = "src.geojson")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, GeoJson(count, shift), new UTF8Encoding(false));
        return path;
    }

    /// <summary>Runs ogr2ogr; fails the test with its message when it fails.</summary>
    public static void Ogr2Ogr(params string[] args) => Run("ogr2ogr", args);

    /// <summary>GDAL's sum of polygon areas in <paramref name="path"/>'s layer <paramref name="layer"/>, reprojected to <paramref name="gkEpsg"/> by ogr2ogr.</summary>
    public static double GdalArea(string path, string layer, string sourceSrs, int gkEpsg)
    {
        var folder = Path.GetDirectoryName(path)!;
        var reprojected = Path.Combine(folder, $"gdal-area-{Guid.NewGuid():N}.gpkg");
        Ogr2Ogr("-f", "GPKG", "-s_srs", sourceSrs, "-t_srs", $"EPSG:{gkEpsg}", "-nln", "a", "-lco", "GEOMETRY_NAME=geom", reprojected, path, layer);
        var output = Run("ogrinfo", "-ro", "-q", "-dialect", "SQLite", "-sql", "SELECT SUM(ST_Area(geom)) AS total FROM a", reprojected);
        var line = output.Split('\n').First(l => l.Contains("total", StringComparison.Ordinal) && l.Contains('=', StringComparison.Ordinal));
        return double.Parse(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
    }

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout;
    }

    /// <summary>The shapefile's own SRS for ogr2ogr: GCJ-02 data is declared WGS 84, as web-map exports do.</summary>
    public static (double, double) ToGcj02(double lon, double lat) => ChinaWebDatums.Wgs84ToGcj02(lon, lat);
}
