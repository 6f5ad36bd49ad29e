using System.Xml.Linq;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Geocoding.Roads;

/// <summary>
/// The real OpenStreetMap network of <c>Fixtures/osm/beijing-buct.osm</c> (北京市朝阳区 around 北三环东路, WGS 84, ODbL),
/// imported as a bureau would (<c>landmap gazetteer import</c>, district 朝阳区), with the district outline from the
/// adcode fence (GCJ-02, converted to WGS 84). Also read a second, independent way for the checks: the ways straight
/// from the XML, in a local plane (metres east and north of the extract's centre, on the ellipsoid's radii there).
/// </summary>
internal static class OsmNetwork
{
    public const string District = "朝阳区";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "osm");

    public static string Extract => Path.Combine(Folder, "beijing-buct.osm");

    /// <summary>The extract as <c>landmap gazetteer import</c> reads it (one feature per road name).</summary>
    public static readonly Lazy<IReadOnlyList<GazetteerFeature>> Imported = new(() =>
    {
        var read = new GazetteerImporter(new GazetteerImportOptions { District = District }).Read(Extract);
        Assert.True(read.IsSuccess, string.Join("\n", read.Problems));
        return read.Features;
    });

    /// <summary>朝阳区's outline in WGS 84, from the GCJ-02 fence.</summary>
    public static readonly Lazy<GazetteerFeature> Outline = new(() =>
    {
        var json = new System.Text.Json.JsonSerializerOptions { Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() } };
        var gcj02 = System.Text.Json.JsonSerializer.Deserialize<Geometry>(File.ReadAllText(Path.Combine(Folder, "chaoyang-110105-gcj02.json")), json)!;
        var wgs84 = SourceCrs.Of(WebDatum.Gcj02).ToWgs84([]).Value(gcj02).Value;
        return new GazetteerFeature { Name = District, Kind = PlaceKind.District, Geometry = wgs84, Source = "adcode 110105 (GCJ-02 → WGS 84)" };
    });

    /// <summary>The imported network and the district, as one gazetteer.</summary>
    public static readonly Lazy<GazetteerIndex> Gazetteer = new(() => new GazetteerIndex([Outline.Value, .. Imported.Value]));

    /// <summary>Every named highway way of the XML, in the local plane, with its tags.</summary>
    public static readonly Lazy<IReadOnlyList<Way>> Ways = new(() =>
    {
        var osm = XDocument.Load(Extract).Root!;
        var nodes = osm.Elements("node").ToDictionary(n => (string)n.Attribute("id")!,
            n => Local((double)n.Attribute("lon")!, (double)n.Attribute("lat")!));
        return osm.Elements("way").Select(w => (Tags: w.Elements("tag").ToDictionary(t => (string)t.Attribute("k")!, t => (string)t.Attribute("v")!),
                Points: w.Elements("nd").Select(n => (string)n.Attribute("ref")!).Where(nodes.ContainsKey).Select(r => nodes[r]).ToList()))
            .Where(w => w.Tags.ContainsKey("highway") && w.Tags.ContainsKey("name") && w.Points.Count >= 2)
            .Select(w => new Way(w.Tags["name"], w.Tags, w.Points))
            .ToList();
    });

    /// <summary>
    /// The carriageways beside the land of the road a text names: its ways and its 辅路's, without tunnels, bridges and
    /// slip roads (the street's ways with them when it has nothing else), as points every 2 m.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Carriageways(string road)
    {
        var named = Ways.Value.Where(w => w.Name == road).ToList();
        if (named.Count == 0) named = Ways.Value.Where(w => w.Name == road + "辅路").ToList();
        var street = named.Where(w => !w.Structure).ToList();
        var side = Ways.Value.Where(w => w.Name == road + "辅路" && !w.Structure && !road.EndsWith("辅路", StringComparison.Ordinal));
        return (street.Count > 0 ? street : named).Concat(side).SelectMany(w => Dense(w.Points)).ToList();
    }

    /// <summary>A WGS 84 (lon, lat) in metres east and north of the extract's centre.</summary>
    public static (double X, double Y) Local(double lon, double lat)
    {
        const double a = 6378137, f = 1 / 298.257223563, lon0 = 116.4150, lat0 = 39.9698;
        var e2 = f * (2 - f);
        var phi = lat0 * Math.PI / 180;
        var w = 1 - e2 * Math.Sin(phi) * Math.Sin(phi);
        var meridian = a * (1 - e2) / Math.Pow(w, 1.5);
        var normal = a / Math.Sqrt(w);
        return ((lon - lon0) * Math.PI / 180 * normal * Math.Cos(phi), (lat - lat0) * Math.PI / 180 * meridian);
    }

    /// <summary>A WGS 84 geometry in the local plane.</summary>
    public static Geometry Local(Geometry wgs84)
    {
        var local = wgs84.Copy();
        local.Apply(new ToLocal());
        local.GeometryChanged();
        return local;
    }

    private static IEnumerable<(double X, double Y)> Dense(IReadOnlyList<(double X, double Y)> points)
    {
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (a, b) = (points[i], points[i + 1]);
            var steps = Math.Max(1, (int)Math.Ceiling(Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y)) / 2));
            for (var k = 0; k < steps; k++) yield return (a.X + (b.X - a.X) * k / steps, a.Y + (b.Y - a.Y) * k / steps);
        }
        yield return points[^1];
    }

    /// <summary>One OSM way: its name, tags and points in the local plane.</summary>
    public sealed record Way(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<(double X, double Y)> Points)
    {
        /// <summary>A tunnel, bridge or slip road.</summary>
        public bool Structure => Set("tunnel") || Set("bridge") || Tags["highway"].EndsWith("_link", StringComparison.Ordinal);

        private bool Set(string tag) => Tags.TryGetValue(tag, out var v) && v != "no";
    }

    private sealed class ToLocal : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = Local(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
