using System.Text;
using System.Text.Json;
using CsCheck;
using LandMap.Tiles.Vector;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace LandMap.Tiles.Tests.Vector;

/// <summary>
/// LandMap's own MVT writer against the exact geometry and against the NetTopologySuite encoding it replaced
/// (<see cref="NtsReferenceEncoder"/>): random polygons (with holes), lines and points in and across the tile's clip box,
/// and attribute JSON of every type, decoded by <see cref="RawMvt"/>. Coordinates are built in tile units and turned into
/// WGS 84 longitude/latitude, so what the tile should hold is known exactly.
/// </summary>
public sealed class MvtWriterProperties
{
    private const double Buffer = 64;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly Gen<TileAddress> GenTile =
        Gen.Select(Gen.Int[10, 18], Gen.Double[-0.05, 0.05], Gen.Double[-0.05, 0.05])
            .Select((z, dx, dy) => TileAddress.At(TestParcels.Lon + dx, TestParcels.Lat + dy, z));

    // A star-shaped (so simple) ring around a centre in tile units; radii between half and all of r.
    private static readonly Gen<Coordinate[]> GenStar =
        Gen.Select(Gen.Double[-700, 4800], Gen.Double[-700, 4800], Gen.Double[0.3, 8].Select(Math.Exp), Gen.Int[3, 24], Gen.Int)
            .Select((cx, cy, r, n, seed) =>
            {
                var random = new Random(seed);
                var ring = new Coordinate[n + 1];
                for (var i = 0; i < n; i++)
                {
                    var angle = 2 * Math.PI * (i + 0.8 * random.NextDouble()) / n;
                    var radius = r * (0.5 + 0.5 * random.NextDouble());
                    ring[i] = new Coordinate(cx + radius * Math.Cos(angle), cy + radius * Math.Sin(angle));
                }
                ring[n] = ring[0].Copy();
                return ring;
            });

    private static readonly Gen<Geometry> GenPolygon = Gen.Select(GenStar, Gen.Bool).Select((shell, withHole) =>
    {
        var polygon = Factory.CreatePolygon(shell);
        if (!withHole) return (Geometry)polygon;
        // A hole well inside the star: 0.3 of the distance from an interior point to the shell, around that point.
        var centre = polygon.InteriorPoint.Coordinate;
        var r = 0.3 * polygon.Shell.Distance(polygon.InteriorPoint);
        var hole = Enumerable.Range(0, 7).Select(i => new Coordinate(centre.X + r * Math.Cos(i * Math.PI / 3), centre.Y - r * Math.Sin(i * Math.PI / 3))).ToArray();
        hole[6] = hole[0].Copy();
        return Factory.CreatePolygon(Factory.CreateLinearRing(shell), [Factory.CreateLinearRing(hole)]);
    });

    private static readonly Gen<Geometry> GenLine =
        Gen.Select(Gen.Double[-700, 4800], Gen.Double[-700, 4800], Gen.Double[-900, 900].Array[1, 14], Gen.Double[-900, 900].Array[14])
            .Select((x, y, dxs, dys) =>
            {
                var points = new List<Coordinate> { new(x, y) };
                for (var i = 0; i < dxs.Length; i++) points.Add(new Coordinate(points[^1].X + dxs[i], points[^1].Y + dys[i]));
                return (Geometry)Factory.CreateLineString(points.ToArray());
            });

    private static readonly Gen<Geometry> GenPoints = Gen.OneOf(
        Gen.Select(Gen.Double[-60, 4150], Gen.Double[-60, 4150]).Select((x, y) => (Geometry)Factory.CreatePoint(new Coordinate(x, y))),
        // The old writer kept a multipoint's points only inside the tile (the first anywhere): these stay inside.
        Gen.Select(Gen.Double[0, 4095], Gen.Double[0, 4095]).Array[2, 5].Select(ps => (Geometry)Factory.CreateMultiPointFromCoords(ps.Select(p => new Coordinate(p.Item1, p.Item2)).ToArray())));

    private static readonly Gen<Geometry> GenGeometry = Gen.Frequency((5, GenPolygon), (2, GenLine), (2, GenPoints),
        (1, Gen.Select(GenStar, GenStar).Select((a, b) => OverlayNGRobust.Overlay(Factory.CreatePolygon(a), Factory.CreatePolygon(b), SpatialFunction.Union))));

    private static readonly string[] Names = ["DLBM", "DLMC", "名称", "id", "TBMJ", "a", "", "quote\"d", "KCXS"];

    // One JSON member's raw value text: strings (Chinese, escapes), whole and real numbers beyond int64, booleans, null, objects, arrays.
    private static readonly Gen<string> GenJsonValue = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 8].Select(s => JsonSerializer.Serialize(s)),
        Pick("旱地", "乔木林地", "农村宅基地", "a\\\"b\\n", "\\u65f1\\u5730", "😀", "").Select(s => $"\"{s}\""),
        Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Int[0, 1000].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double[-1e6, 1e6].Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        Pick("17.0", "1e3", "-0.0", "12345678901234567890123", "0.1", "-5", "4.1E+14", "18446744073709551615"),
        Pick("true", "false", "null", "{\"a\":[1,2,{\"b\":null}]}", "[]", "[\"x\", 2.5]"));

    private static readonly Gen<string> GenJson = Gen.Select(Gen.Int[0, Names.Length - 1], GenJsonValue).Array[0, 12].Select(members =>
    {
        var json = new StringBuilder("{");
        foreach (var (name, value) in members)
            json.Append(json.Length > 1 ? "," : "").Append(JsonSerializer.Serialize(Names[name])).Append(':').Append(value);
        return json.Append('}').ToString();
    });

    private static Gen<string> Pick(params string[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    [Fact]
    public void NewWriterKeepsTheFeaturesAttributesAndIdsOfTheOldAndTheGeometryWithinOneUnit()
    {
        Gen.Select(GenTile, Gen.Select(GenGeometry, GenJson).Array[1, 30]).Sample((tile, drawn) =>
        {
            var features = drawn.Select((d, n) => (IFeature)new JsonAttributesFeature(ToWgs84(d.Item1, tile), WithIndex(d.Item2, n))).ToList();

            var result = MvtEncoder.Encode(tile, [new TileLayer("t", features)], MvtEncoderOptions.Default);
            var fresh = RawMvt.Decode(result.Bytes).ToDictionary(Index);
            var old = RawMvt.Decode(NtsReferenceEncoder.Encode(tile, "t", features.Select(f => (IFeature)new Feature(f.Geometry, f.Attributes))))
                .ToDictionary(Index);

            Assert.Equal(result.FeatureCount, fresh.Count);
            for (var n = 0; n < drawn.Length; n++)
            {
                var exact = ExactClip(drawn[n].Item1);
                var has = fresh.TryGetValue(n, out var f);
                if (has != old.ContainsKey(n))
                {
                    // Only what is next to nothing inside the clip box (under 1/8 px² or 1 px long; one pixel is 16 units) may be in one tile
                    // and not the other: the old writer truncated to the grid, the new one rounds, and each drops what collapses.
                    Assert.True(exact.IsEmpty || (exact is IPolygonal ? exact.Area < 32 : exact.Length < 16),
                        $"feature {n} ({drawn[n].Item1.GeometryType}) in the new tile: {has}, in the old: {old.ContainsKey(n)}; inside the box: {exact}");
                }
                if (!has || !old.ContainsKey(n)) continue;
                var o = old[n];
                Assert.Equal(o.Type, f!.Type);
                Assert.Equal(o.Id, f.Id);
                // The tags as the attribute table the old path built from the JSON says (the NetTopologySuite writer itself wrote
                // some values with the type of another value of the feature: its value table compared values across types).
                Assert.Equal(ExpectedTags(features[n].Attributes).OrderBy(t => t.Key, StringComparer.Ordinal), f.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
                AssertWithinOneUnit(exact, drawn[n].Item1, f, n);
            }
        }, iter: 300);
    }

    [Fact]
    public void ShellsAreClockwiseOnScreenAndHolesCounterClockwise()
    {
        Gen.Select(GenTile, GenPolygon.Array[1, 20]).Sample((tile, polygons) =>
        {
            var features = polygons.Select(p => (IFeature)new Feature(ToWgs84(p, tile), new AttributesTable())).ToList();
            foreach (var f in RawMvt.Decode(MvtEncoder.Encode(tile, [new TileLayer("t", features)])))
            {
                // The decoder opens a polygon at each positive ring: the count of positive rings is the count of polygons.
                Assert.True(RawMvt.TwiceArea(f.Rings[0]) > 0, "the first ring of a polygon feature is a shell");
                Assert.Equal(f.Rings.Count(r => RawMvt.TwiceArea(r) > 0), f.Geometry.NumGeometries);
                Assert.DoesNotContain(f.Rings, r => RawMvt.TwiceArea(r) == 0);
            }
        }, iter: 200);
    }

    // MVT value types of attribute values (protobuf field numbers): text 1, double 3, int64 4, uint64 5, bool 7; a whole double id as uint64.
    private static Dictionary<string, (int, object)> ExpectedTags(IAttributesTable attributes) =>
        attributes.GetNames().Where(name => name != "").ToDictionary(name => name, name => attributes[name] switch
        {
            string s => (1, (object)s),
            long n => (4, n),
            double d when name == "id" && d >= 0 && d < 1.8e19 && Math.Floor(d) == d => (5, (ulong)d),
            double d => (3, d),
            bool b => (7, b),
            var other => throw new InvalidOperationException($"unexpected {other?.GetType()}"),
        });

    private static int Index(RawMvt.Feature feature) => Convert.ToInt32(feature.Tags["_n"].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string WithIndex(string json, int n) => json == "{}" ? $"{{\"_n\":{n}}}" : $"{{\"_n\":{n},{json[1..]}";

    // The geometry as it should be: in tile units, cut to the clip box.
    private static Geometry ExactClip(Geometry units, double margin = 0) =>
        OverlayNGRobust.Overlay(units, Factory.ToGeometry(new Envelope(-Buffer - margin, 4096 + Buffer + margin, -Buffer - margin, 4096 + Buffer + margin)),
            SpatialFunction.Intersection);

    private static void AssertWithinOneUnit(Geometry exact, Geometry units, RawMvt.Feature written, int n)
    {
        // Rounding moves a vertex at most √2/2 unit; sampled along the edges, the exact outline stays within one unit of what was written.
        if (written.Type == 3)
        {
            var outline = Factory.BuildGeometry(written.Rings.Select(r => (Geometry)Factory.CreateLineString(r)));
            // Rings under 1/8 px² collapse on the grid (both writers leave them out): compare with the rest.
            var exactOutline = Factory.BuildGeometry(PolygonsOf(exact).Where(p => p.Area >= 32)
                .SelectMany(p => new[] { p.Shell }.Concat(p.Holes.Where(h => Factory.CreatePolygon(h).Area >= 32)))
                .Select(r => (Geometry)Factory.CreateLineString(r.Coordinates)));
            Assert.True(exactOutline.IsEmpty || new DiscreteHausdorffDistance(exactOutline, outline) { DensifyFraction = 0.1 }.OrientedDistance() <= 1,
                $"feature {n}: the exact outline strays from the written one");
            // Written vertices off the box's edge lie on the exact outline (on the edge, Sutherland–Hodgman may keep a bridge).
            foreach (var c in written.Rings.SelectMany(r => r).Where(c => Math.Abs(c.X) != Buffer && Math.Abs(c.Y) != Buffer && c.X != 4096 + Buffer && c.Y != 4096 + Buffer))
                Assert.True(exact.Boundary.Distance(Factory.CreatePoint(c)) <= 0.75, $"feature {n}: vertex {c} is off the exact outline");
            // Rounding moves the area by at most half a unit along the whole outline; rings that collapse take theirs away.
            var collapsed = PolygonsOf(exact).SelectMany(p => new[] { p.Shell }.Concat(p.Holes))
                .Select(r => Factory.CreatePolygon(r).Area).Where(a => a < 32).Sum();
            var slack = exact.Boundary.Length + collapsed + 4;
            Assert.InRange(written.Geometry.Area, exact.Area - slack, exact.Area + slack);
        }
        else
        {
            // A stretch under 2 units inside the box may collapse on the grid (and be left out): compare with the rest.
            var significant = exact is IPuntal ? exact : Factory.BuildGeometry(Enumerable.Range(0, exact.NumGeometries).Select(exact.GetGeometryN).Where(l => l.Length >= 2));
            // What is written lies within one unit of the input inside the box grown by the rounding: a line that leaves the
            // box by less than half a unit rounds onto its edge and stays (3915 -64 … 3907 -64 from a line dipping to -64.01).
            var rounded = ExactClip(units, margin: 1);
            Assert.True(new DiscreteHausdorffDistance(written.Geometry, rounded) { DensifyFraction = 0.1 }.OrientedDistance() <= 1 &&
                (significant.IsEmpty || new DiscreteHausdorffDistance(significant, written.Geometry) { DensifyFraction = 0.1 }.OrientedDistance() <= 1),
                $"feature {n}: {written.Geometry} is not within one unit of {exact}");
        }
    }

    private static IEnumerable<Polygon> PolygonsOf(Geometry g) =>
        g is Polygon p ? [p] : Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).Where(x => x != g).SelectMany(PolygonsOf);

    // Tile units (y down) to WGS 84 degrees, the inverse of the Web Mercator tile grid.
    private static Geometry ToWgs84(Geometry units, TileAddress tile)
    {
        var copy = units.Copy();
        var world = 4096 * Math.Pow(2, tile.Z);
        copy.Apply(new Projector((x, y) => (
            (x + tile.X * 4096.0) / world * 360 - 180,
            Math.Atan(Math.Sinh(Math.PI * (1 - 2 * (y + tile.Y * 4096.0) / world))) * 180 / Math.PI)));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class Projector(Func<double, double, (double, double)> project) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = project(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
