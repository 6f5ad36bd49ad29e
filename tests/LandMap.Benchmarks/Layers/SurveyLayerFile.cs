using System.Diagnostics;
using System.Text.Json;
using LandMap.Core.Crs;

namespace LandMap.Benchmarks.Layers;

/// <summary>
/// <c>layers make OUT.geojsonl [--features N]</c>: a synthetic 三调 DLTB layer as GeoJSON text sequence, coordinates in
/// EPSG:4526 (CGCS2000 GK zone 38, easting with the 38 prefix), for <c>ogr2ogr -a_srs EPSG:4526</c> to turn into a
/// GeoPackage or Shapefile. Polygons fill a jittered 100 m grid from 113.33°E 33.73°N (non-overlapping): most have 5–12
/// vertices and are 70–100 m across; one in 20 is a long field strip of 30–60 vertices. DLBM/DLMC in 三调-like shares,
/// the usual DLTB fields with Chinese values.
/// </summary>
internal static class SurveyLayerFile
{
    private static readonly (string Code, string Name, double Share)[] Classes =
    [
        ("0103", "旱地", 0.30), ("0101", "水田", 0.08), ("0301", "乔木林地", 0.20), ("0201", "果园", 0.06), ("0404", "其他草地", 0.05),
        ("0702", "农村宅基地", 0.12), ("0601", "工业用地", 0.06), ("1003", "公路用地", 0.05), ("1104", "坑塘水面", 0.08), ("1203", "田坎", 1.0),
    ];

    public static int Make(string[] args)
    {
        if (args.Length < 3) { Console.Error.WriteLine("usage: layers make OUT.geojsonl [--features N]"); return 2; }
        var count = Array.IndexOf(args, "--features") is var at and >= 0 ? int.Parse(args[at + 1]) : 1_000_000;
        var watch = Stopwatch.StartNew();
        var random = new Random(42);
        var side = (int)Math.Ceiling(Math.Sqrt(count));
        const double cell = 100;
        var origin = MetricPlane.Gk114.ToPlane(113.33, 33.73);
        var (e0, n0) = (origin.E + 38_000_000, origin.N);
        using var stream = new BufferedStream(File.Create(args[2]), 1 << 20);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        for (var i = 0; i < count; i++)
        {
            var (cx, cy) = (e0 + (i % side + 0.5) * cell, n0 + (i / side + 0.5) * cell);
            var strip = i % 20 == 7;
            var vertices = strip ? 30 + random.Next(31) : 5 + random.Next(8);
            var (rx, ry) = strip ? (48.0, 14 + random.NextDouble() * 10) : (35 + random.NextDouble() * 14, 35 + random.NextDouble() * 14);
            var (code, name) = Pick(random.NextDouble());
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("properties");
            json.WriteString("BSM", $"4104{i:D10}");
            json.WriteString("YSDM", "2001010100");
            json.WriteString("TBYBH", $"{i % 100000}");
            json.WriteString("TBBH", $"{i % 100000}");
            json.WriteString("DLBM", code);
            json.WriteString("DLMC", name);
            json.WriteString("QSXZ", code is "0702" or "0601" or "1003" ? "20" : "30");
            json.WriteString("QSDWDM", $"4104031{i / 40000 % 100:D2}00000000");
            json.WriteString("QSDWMC", $"第{i / 40000 % 100 + 1}村民委员会");
            json.WriteString("ZLDWDM", $"4104031{i / 40000 % 100:D2}00000000");
            json.WriteString("ZLDWMC", $"卫东区东高皇乡第{i / 40000 % 100 + 1}村");
            var area = Math.PI * rx * ry * 0.9;
            json.WriteNumber("TBMJ", Math.Round(area, 2));
            json.WriteString("KCDLBM", code is "0101" or "0103" ? "1203" : "");
            json.WriteNumber("KCXS", code is "0101" or "0103" ? 0.05 : 0);
            json.WriteNumber("TBDLMJ", Math.Round(code is "0101" or "0103" ? area * 0.95 : area, 2));
            json.WriteEndObject();
            json.WriteStartObject("geometry");
            json.WriteString("type", "Polygon");
            json.WritePropertyName("coordinates");
            json.WriteStartArray();
            json.WriteStartArray();
            // A star-shaped ring around the cell centre: angles ascending (counter-clockwise), radii jittered, so always simple.
            var rotate = random.NextDouble() * Math.PI;
            double fx = 0, fy = 0;
            for (var v = 0; v <= vertices; v++)
            {
                double x, y;
                if (v == vertices) (x, y) = (fx, fy);
                else
                {
                    var angle = 2 * Math.PI * (v + random.NextDouble() * 0.6) / vertices;
                    var r = 0.8 + random.NextDouble() * 0.2;
                    var (px, py) = (Math.Cos(angle) * rx * r, Math.Sin(angle) * ry * r);
                    (x, y) = (Math.Round(cx + px * Math.Cos(rotate) - py * Math.Sin(rotate), 3), Math.Round(cy + px * Math.Sin(rotate) + py * Math.Cos(rotate), 3));
                    if (v == 0) (fx, fy) = (x, y);
                }
                json.WriteStartArray();
                json.WriteNumberValue(x);
                json.WriteNumberValue(y);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            stream.WriteByte((byte)'\n');
        }
        Console.WriteLine($"// {count:N0} DLTB polygons (EPSG:4526) written to {args[2]} in {watch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static (string Code, string Name) Pick(double u)
    {
        foreach (var (code, name, share) in Classes)
        {
            if (u < share) return (code, name);
            u -= share;
        }
        return ("1203", "田坎");
    }
}
