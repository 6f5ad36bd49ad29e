using System.Globalization;
using LandMap.Core.Gazetteer;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.LinearReferencing;
using NetTopologySuite.Operation.Distance;

namespace LandMap.Core.Tests.Gazetteer;

/// <summary>The outcome of one relations.tsv row: whether it holds, and what was measured against what.</summary>
public sealed record RuleResult(bool Pass, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// The rules of gis-data/README.md, section "relations.tsv — the consistency facts", one method per relation
/// kind. All geometry is measured in the README's local equirectangular plane at 33.73°N (metres); a
/// feature's representative point is the point itself, a polygon's vertex mean or a line's vertex mean.
/// </summary>
public sealed class RelationRules
{
    /// <summary>Square metres in one 亩.</summary>
    public const double MuM2 = 10000.0 / 15;

    private const double EarthRadiusM = 6371008.8;
    private const double Lon0 = 113.3;
    private const double Lat0 = 33.73;
    private const double MergeM = 50;
    private const double RoomOffsetM = 25;
    private const double GridM = 25;
    private const string Weidong = "卫东区";

    private static readonly double MetresPerRadianX = EarthRadiusM * Math.Cos(Lat0 * Math.PI / 180);
    private static readonly GeometryFactory Plane = new();

    private readonly GazetteerIndex _index;
    private readonly Dictionary<GazetteerFeature, Geometry> _local = new(ReferenceEqualityComparer.Instance);

    public RelationRules(GazetteerIndex index)
    {
        _index = index;
        foreach (var feature in index.Features)
        {
            _local[feature] = ToLocal(feature.Geometry);
        }
    }

    private enum Direction
    {
        North,
        South,
        East,
        West,
    }

    /// <summary>Checks one row with the rule of its relation kind.</summary>
    public RuleResult Check(RelationRow row)
    {
        try
        {
            return row.Relation switch
            {
                "crosses" => Crosses(row),
                "room" => Room(row),
                "near" => Near(row),
                "inside" => Inside(row),
                "box" => Box(row),
                "north-of" or "south-of" or "east-of" or "west-of" => Beyond(row),
                "strip" => Strip(row),
                "corridor" => Corridor(row),
                "area" => Area(row),
                _ => new RuleResult(false, $"{row}: unknown relation kind '{row.Relation}'"),
            };
        }
        catch (UnresolvedNameException e)
        {
            return new RuleResult(false, $"{row}: {e.Message}");
        }
    }

    /// <summary>
    /// The feature a relations.tsv name means: the one canonical-name match, else the one alias match; for a
    /// district, the one feature of kind district. Null and the reason when there is none or several.
    /// </summary>
    public (GazetteerFeature? Feature, string? Problem) Resolve(string name, bool district)
    {
        var matches = _index.Lookup(name).Where(m => (m.Feature.Kind == PlaceKind.District) == district).ToList();
        var canonical = matches.Where(m => m.MatchedBy == NameMatch.Name).ToList();
        var pick = canonical.Count > 0 ? canonical : matches;
        return pick.Count switch
        {
            1 => (pick[0].Feature, null),
            0 => (null, $"'{name}' is not a {(district ? "district" : "feature")} of the gazetteer (by name or alias)"),
            _ => (null, $"'{name}' is ambiguous: {string.Join(", ", pick.Select(m => m.Feature))}"),
        };
    }

    /// <summary>The feature's geometry in the local plane (metres, origin 113.3°E 33.73°N).</summary>
    public Geometry Local(GazetteerFeature feature) => _local[feature];

    /// <summary>A copy of a WGS 84 geometry in the local equirectangular plane.</summary>
    public static Geometry ToLocal(Geometry wgs84)
    {
        var copy = wgs84.Copy();
        copy.Apply(new ToLocalFilter());
        copy.GeometryChanged();
        return copy;
    }

    // crosses a b: the geometries intersect; once: exactly one crossing after merging within 50 m;
    // within=P:M: that crossing is at most M m from P's representative point.
    private RuleResult Crosses(RelationRow row)
    {
        var v = new Verdict(row);
        var (a, b) = (Geometry(row.A), Geometry(row.B));
        if (!v.Check(a.Intersects(b), $"intersect (gap {a.Distance(b):0} m)"))
        {
            return v.Result;
        }

        var crossings = Crossings(a, b);
        if (row.Has("once"))
        {
            v.Check(crossings.Count == 1, $"{crossings.Count} crossing(s) after merging within {MergeM} m, once requires 1 ({Where(crossings)})");
        }

        if (row.Get("within") is { } within)
        {
            var (place, limit) = (within.Split(':')[0], Parse(within.Split(':')[1]));
            var p = Representative(Geometry(place));
            var d = crossings.Min(c => c.Distance(p));
            v.Check(d <= limit, $"crossing {d:0} m from {place} {(d <= limit ? "≤" : ">")} {limit}");
        }

        return v.Result;
    }

    // room a b: a square of minMu 亩 in a quadrant of the crossing, offset 25 m along both axes, on the stated
    // sides of a and b, inside the district, touched by no road or railway.
    private RuleResult Room(RelationRow row)
    {
        var v = new Verdict(row);
        var quadrant = row.Require("quadrant");
        var minMu = row.Number("minMu");
        var side = Math.Sqrt(minMu * MuM2);
        var (a, b) = (Geometry(row.A), Geometry(row.B));
        var district = Local(District(row.Require("district")));

        Envelope square;
        var sides = new List<(Geometry Line, string Name, Direction Dir)>();
        if (quadrant == "N")
        {
            // North of road a, centred above polygon b.
            var cx = Representative(b).X;
            var (x0, x1) = (cx - side / 2, cx + side / 2);
            var roadYs = new[] { x0, cx, x1 }.SelectMany(x => Across(a, Direction.North, x))
                .Concat(a.Coordinates.Where(c => c.X >= x0 && c.X <= x1).Select(c => c.Y)).ToList();
            if (!v.Check(roadYs.Count > 0, $"{row.A} spans the square's x-range"))
            {
                return v.Result;
            }

            var y0 = roadYs.Max() + RoomOffsetM;
            square = new Envelope(x0, x1, y0, y0 + side);
            sides.Add((a, row.A, Direction.North));
        }
        else
        {
            var crossings = Crossings(a, b);
            if (!v.Check(crossings.Count == 1, $"one crossing of {row.A} and {row.B} (found {crossings.Count})"))
            {
                return v.Result;
            }

            var c = crossings[0];
            if (quadrant == "S")
            {
                // South of b, centred on the end of a (T-junction).
                var end = Enumerable.Range(0, a.NumGeometries).Select(n => (LineString)a.GetGeometryN(n))
                    .SelectMany(part => new[] { part.StartPoint.Coordinate, part.EndPoint.Coordinate })
                    .MinBy(e => e.Distance(c))!;
                square = new Envelope(end.X - side / 2, end.X + side / 2, c.Y - RoomOffsetM - side, c.Y - RoomOffsetM);
                sides.Add((b, row.B, Direction.South));
            }
            else
            {
                var (east, north) = (quadrant[1] == 'E', quadrant[0] == 'N');
                var x0 = c.X + (east ? RoomOffsetM : -RoomOffsetM);
                var y0 = c.Y + (north ? RoomOffsetM : -RoomOffsetM);
                square = new Envelope(x0, x0 + (east ? side : -side), y0, y0 + (north ? side : -side));

                // The more north–south of the two lines at the crossing has the square east or west of it.
                // When both (or neither) do, a is taken as the north–south one, as relations.tsv writes them.
                var aRunsNorthSouth = !(RunsNorthSouth(b, c) && !RunsNorthSouth(a, c));
                var (ns, ew) = aRunsNorthSouth ? ((a, row.A), (b, row.B)) : ((b, row.B), (a, row.A));
                sides.Add((ns.Item1, ns.Item2, east ? Direction.East : Direction.West));
                sides.Add((ew.Item1, ew.Item2, north ? Direction.North : Direction.South));
            }
        }

        var box = Plane.ToGeometry(square);
        v.Note($"{quadrant} square {side:0} m ({minMu} 亩) at {Wgs(box.Centroid.Coordinate)}");
        foreach (var (line, name, dir) in sides)
        {
            var margins = box.Coordinates.SelectMany(corner => Across(line, dir, Cut(corner, dir)).Select(value => Margin(corner, value, dir))).ToList();
            var least = margins.Count > 0 ? margins.Min() : double.NaN;
            v.Check(margins.Count > 0 && least > 0 && !line.Intersects(box), $"{dir.ToString().ToLowerInvariant()} of {name} (least corner margin {least:0} m)");
        }

        var outside = box.Difference(district).Area;
        v.Check(outside <= 0, $"inside {row.Get("district")} ({outside / MuM2:0.#} 亩 outside)");
        // "No other road": a and b themselves are held to their sides above (a T-junction's a may overshoot b).
        var (fa, fb) = (Feature(row.A), Feature(row.B));
        var touching = _index.Features
            .Where(f => !ReferenceEquals(f, fa) && !ReferenceEquals(f, fb) && f.Kind is PlaceKind.Road or PlaceKind.Railway && Local(f).Intersects(box))
            .Select(f => f.Name).ToList();
        v.Check(touching.Count == 0, $"touched by no other road or railway{(touching.Count > 0 ? ": " + string.Join(", ", touching) : "")}");
        return v.Result;
    }

    // near a b: a's point within maxM of b (0 inside a polygon; boundary: of district b's outline);
    // side=: a lies on that side of b's nearest point; section=: that point is in the stated third of b in 卫东区.
    private RuleResult Near(RelationRow row)
    {
        var v = new Verdict(row);
        var p = Plane.CreatePoint(Representative(Geometry(row.A)));
        var boundary = row.Has("boundary");
        var b = boundary ? Local(District(row.B)).Boundary : Geometry(row.B);
        var maxM = row.Number("maxM");
        var op = new DistanceOp(p, b);
        var (d, nearest) = (op.Distance(), op.NearestPoints()[1]);
        v.Check(d <= maxM, $"{d:0} m {(d <= maxM ? "≤" : ">")} maxM {maxM}{(boundary ? " from the outline" : "")}");
        if (row.Get("side") is { } sideName)
        {
            var dir = ParseDirection(sideName);
            var margin = Margin(p.Coordinate, Along(nearest, dir), dir);
            v.Check(margin > 0, $"{margin:0} m {sideName} of the nearest point");
        }

        if (row.Get("section") is { } section)
        {
            v.Check(InSection(nearest, b, section, out var where), $"nearest point in the {section} third of {row.B} in {Weidong} ({where})");
        }

        return v.Result;
    }

    // inside a b: every vertex of a lies in district b.
    private RuleResult Inside(RelationRow row)
    {
        var v = new Verdict(row);
        var district = Local(District(row.B));
        var vertices = Geometry(row.A).Coordinates.Distinct().ToList();
        var outside = vertices.Where(c => !district.Covers(Plane.CreatePoint(c))).ToList();
        var worst = outside.Count > 0 ? outside.Max(c => district.Distance(Plane.CreatePoint(c))) : 0;
        v.Check(outside.Count == 0, $"{vertices.Count - outside.Count} of {vertices.Count} vertices in {row.B}{(outside.Count > 0 ? $", worst {worst:0} m outside at {Wgs(outside[0])}" : "")}");
        return v.Result;
    }

    // box a b: the region x > W, x < E, y > S, y < N (lines interpolated, a polygon's bbox edge) clipped to
    // district b, sampled on a 25 m grid, holds at least minMu 亩.
    private RuleResult Box(RelationRow row)
    {
        var v = new Verdict(row);
        var district = Local(District(row.B));
        var minMu = row.Number("minMu");
        var bounds = new[] { ("W", Direction.East), ("E", Direction.West), ("S", Direction.North), ("N", Direction.South) }
            .Select(k => (Geometry: Geometry(row.Require(k.Item1)), Dir: k.Item2)).ToList();
        var locator = new IndexedPointInAreaLocator(district);
        var env = district.EnvelopeInternal;
        var count = 0;
        for (var x = (Math.Floor(env.MinX / GridM) + 0.5) * GridM; x < env.MaxX; x += GridM)
        {
            for (var y = (Math.Floor(env.MinY / GridM) + 0.5) * GridM; y < env.MaxY; y += GridM)
            {
                var c = new Coordinate(x, y);
                if (bounds.All(bound => BeyondBound(c, bound.Geometry, bound.Dir)) && locator.Locate(c) != Location.Exterior)
                {
                    count++;
                }
            }
        }

        var mu = count * GridM * GridM / MuM2;
        v.Check(mu >= minMu, $"{mu:0.#} 亩 {(mu >= minMu ? "≥" : "<")} minMu {minMu} ({count} grid points of {GridM} m)");
        return v.Result;
    }

    // north-of/south-of/east-of/west-of a b: a's point (every vertex of a polygon) lies beyond line b by more
    // than gapM wherever they share an x- (y-) range; against a point or polygon b, beyond its representative point.
    private RuleResult Beyond(RelationRow row)
    {
        var v = new Verdict(row);
        var dir = ParseDirection(row.Relation[..row.Relation.IndexOf('-', StringComparison.Ordinal)]);
        var gap = row.Number("gapM", 0);
        var (a, b) = (Geometry(row.A), Geometry(row.B));
        var points = a is IPolygonal ? Vertices(a) : [Representative(a)];
        var margins = points.SelectMany(p => b is ILineal
                ? Across(b, dir, Cut(p, dir)).Select(value => Margin(p, value, dir))
                : [Margin(p, Along(Representative(b), dir), dir)])
            .ToList();
        if (!v.Check(margins.Count > 0, $"{row.A} shares a{(dir is Direction.North or Direction.South ? "n x" : " y")}-range with {row.B}"))
        {
            return v.Result;
        }

        var least = margins.Min();
        v.Check(least > gap, $"least margin {least:0.#} m {(least > gap ? ">" : "≤")} gapM {gap} ({points.Count} point(s) of a)");
        return v.Result;
    }

    // strip a b: the stated third of road a inside district b is long enough that length × depthM ≥ minMu 亩.
    private RuleResult Strip(RelationRow row)
    {
        var v = new Verdict(row);
        var section = row.Require("section");
        var (minMu, depth) = (row.Number("minMu"), row.Number("depthM"));
        var inside = Geometry(row.A).Intersection(Local(District(row.B)));
        var (alongX, lo, hi) = Third(inside.EnvelopeInternal, section);
        var env = inside.EnvelopeInternal;
        var band = alongX ? new Envelope(lo, hi, env.MinY - 1, env.MaxY + 1) : new Envelope(env.MinX - 1, env.MaxX + 1, lo, hi);
        var length = inside.Intersection(Plane.ToGeometry(band)).Length;
        var mu = length * depth / MuM2;
        v.Check(mu >= minMu, $"{section} third {length:0} m × depthM {depth} = {mu:0.#} 亩 {(mu >= minMu ? "≥" : "<")} minMu {minMu}");
        return v.Result;
    }

    // corridor a b: road a runs at least minKm inside district b (from its crossing with from=);
    // with road=R: places a and b both lie within maxM of R.
    private RuleResult Corridor(RelationRow row)
    {
        var v = new Verdict(row);
        if (row.Get("road") is { } roadName)
        {
            var road = Geometry(roadName);
            var maxM = row.Number("maxM");
            foreach (var name in new[] { row.A, row.B })
            {
                var d = road.Distance(Plane.CreatePoint(Representative(Geometry(name))));
                v.Check(d <= maxM, $"{name} {d:0} m from {roadName} {(d <= maxM ? "≤" : ">")} maxM {maxM}");
            }

            return v.Result;
        }

        var a = Geometry(row.A);
        var district = Local(District(row.B));
        var minM = row.Number("minKm") * 1000;
        var parts = new List<Geometry> { a };
        if (row.Get("from") is { } from)
        {
            var crossings = Crossings(a, Geometry(from));
            if (!v.Check(crossings.Count == 1, $"one crossing with {from} (found {crossings.Count})"))
            {
                return v.Result;
            }

            // The road runs from the crossing one way or the other: the longer run counts.
            var line = new LengthIndexedLine(a);
            var at = line.Project(crossings[0]);
            parts = [line.ExtractLine(line.StartIndex, at), line.ExtractLine(at, line.EndIndex)];
        }

        var lengths = parts.Select(part => part.Intersection(district).Length).ToList();
        var best = lengths.Max();
        var runs = string.Join(" / ", lengths.Select(l => (l / 1000).ToString("0.00", CultureInfo.InvariantCulture)));
        v.Check(best >= minM, $"{best / 1000:0.00} km in {row.B}{(parts.Count > 1 ? $" from {row.Get("from")} (runs {runs} km)" : "")} {(best >= minM ? "≥" : "<")} minKm {minM / 1000}");
        return v.Result;
    }

    // area a -: polygon a has area ≥ minMu 亩.
    private RuleResult Area(RelationRow row)
    {
        var v = new Verdict(row);
        var a = Geometry(row.A);
        var minMu = row.Number("minMu");
        var mu = a.Area / MuM2;
        v.Check(a is IPolygonal && mu >= minMu, $"{a.GeometryType} of {mu:0.#} 亩 {(mu >= minMu ? "≥" : "<")} minMu {minMu}");
        return v.Result;
    }

    private Geometry Geometry(string name) => Local(Feature(name));

    private GazetteerFeature Feature(string name) =>
        Resolve(name, district: false) is ({ } f, _) ? f : throw new UnresolvedNameException(Resolve(name, false).Problem!);

    private GazetteerFeature District(string name) =>
        Resolve(name, district: true) is ({ } f, _) ? f : throw new UnresolvedNameException(Resolve(name, true).Problem!);

    /// <summary>Whether <paramref name="nearest"/> (on <paramref name="b"/>) lies in the stated third of b's extent inside 卫东区.</summary>
    private bool InSection(Coordinate nearest, Geometry b, string section, out string where)
    {
        var extent = b.Intersection(Local(District(Weidong))).EnvelopeInternal;
        var (alongX, lo, hi) = Third(extent, section);
        var value = alongX ? nearest.X : nearest.Y;
        var (min, max) = alongX ? (extent.MinX, extent.MaxX) : (extent.MinY, extent.MaxY);
        where = FormattableString.Invariant($"at {(value - min) / (max - min):P0} of the {(alongX ? "west→east" : "south→north")} extent, third spans {(lo - min) / (max - min):P0}–{(hi - min) / (max - min):P0}");
        return value >= lo && value <= hi;
    }

    /// <summary>The main axis of a section (east/west/middle by x, north/south by y; middle on the longer side) and the third's range.</summary>
    private static (bool AlongX, double Lo, double Hi) Third(Envelope extent, string section)
    {
        var alongX = section switch
        {
            "east" or "west" => true,
            "north" or "south" => false,
            "middle" => extent.Width >= extent.Height,
            _ => throw new FormatException($"unknown section '{section}'"),
        };
        var (min, max) = alongX ? (extent.MinX, extent.MaxX) : (extent.MinY, extent.MaxY);
        var third = (max - min) / 3;
        return section switch
        {
            "east" or "north" => (alongX, min + 2 * third, max),
            "west" or "south" => (alongX, min, min + third),
            _ => (alongX, min + third, min + 2 * third),
        };
    }

    /// <summary>The crossings of two geometries: their intersection's vertices, merged within 50 m (single linkage).</summary>
    private static List<Coordinate> Crossings(Geometry a, Geometry b)
    {
        var clusters = new List<List<Coordinate>>();
        foreach (var point in a.Intersection(b).Coordinates)
        {
            var near = clusters.Where(cluster => cluster.Any(c => c.Distance(point) <= MergeM)).ToList();
            var merged = near.SelectMany(c => c).Append(point).ToList();
            clusters.RemoveAll(near.Contains);
            clusters.Add(merged);
        }

        return clusters.Select(c => new Coordinate(c.Average(p => p.X), c.Average(p => p.Y))).ToList();
    }

    /// <summary>Whether a point is inside one bound of a box: beyond a line where it reaches (outside where it does not), beyond a polygon's bbox edge or a point.</summary>
    private static bool BeyondBound(Coordinate c, Geometry bound, Direction dir)
    {
        if (bound is ILineal)
        {
            var values = Across(bound, dir, Cut(c, dir));
            return values.Count > 0 && values.All(value => Margin(c, value, dir) > 0);
        }

        var env = bound.EnvelopeInternal;
        var edge = bound is IPolygonal
            ? dir switch { Direction.East => env.MaxX, Direction.West => env.MinX, Direction.North => env.MaxY, _ => env.MinY }
            : Along(bound.Coordinate, dir);
        return Margin(c, edge, dir) > 0;
    }

    /// <summary>
    /// Where <paramref name="line"/> crosses the cut through a point: for north/south, the line's y values at
    /// x = <paramref name="at"/>; for east/west its x values at y = at (interpolated within each segment).
    /// </summary>
    private static List<double> Across(Geometry line, Direction dir, double at)
    {
        var byX = dir is Direction.North or Direction.South;
        var values = new List<double>();
        for (var n = 0; n < line.NumGeometries; n++)
        {
            var cs = line.GetGeometryN(n).Coordinates;
            for (var i = 0; i + 1 < cs.Length; i++)
            {
                var (u0, u1, w0, w1) = byX ? (cs[i].X, cs[i + 1].X, cs[i].Y, cs[i + 1].Y) : (cs[i].Y, cs[i + 1].Y, cs[i].X, cs[i + 1].X);
                if (at < Math.Min(u0, u1) || at > Math.Max(u0, u1))
                {
                    continue;
                }

                if (u0 == u1)
                {
                    values.Add(w0);
                    values.Add(w1);
                }
                else
                {
                    values.Add(w0 + (at - u0) / (u1 - u0) * (w1 - w0));
                }
            }
        }

        return values;
    }

    /// <summary>How far <paramref name="p"/> is beyond <paramref name="value"/> in direction <paramref name="dir"/>.</summary>
    private static double Margin(Coordinate p, double value, Direction dir) => dir switch
    {
        Direction.North => p.Y - value,
        Direction.South => value - p.Y,
        Direction.East => p.X - value,
        _ => value - p.X,
    };

    /// <summary>The coordinate compared in direction <paramref name="dir"/> (y for north/south).</summary>
    private static double Along(Coordinate p, Direction dir) => dir is Direction.North or Direction.South ? p.Y : p.X;

    /// <summary>The coordinate that places the cut (x for north/south).</summary>
    private static double Cut(Coordinate p, Direction dir) => dir is Direction.North or Direction.South ? p.X : p.Y;

    private static Direction ParseDirection(string text) => text switch
    {
        "north" => Direction.North,
        "south" => Direction.South,
        "east" => Direction.East,
        "west" => Direction.West,
        _ => throw new FormatException($"unknown side '{text}'"),
    };

    /// <summary>Whether the segment of <paramref name="line"/> nearest <paramref name="at"/> runs more north–south than east–west.</summary>
    private static bool RunsNorthSouth(Geometry line, Coordinate at)
    {
        var point = Plane.CreatePoint(at);
        var segment = Enumerable.Range(0, line.NumGeometries)
            .Select(n => line.GetGeometryN(n).Coordinates)
            .SelectMany(cs => cs.Zip(cs.Skip(1), (p, q) => new LineSegment(p, q)))
            .MinBy(s => s.Distance(point.Coordinate))!;
        return Math.Abs(segment.P1.Y - segment.P0.Y) > Math.Abs(segment.P1.X - segment.P0.X);
    }

    /// <summary>A point's own position, a polygon's vertex mean (rings without their closing vertex), a line's vertex mean.</summary>
    private static Coordinate Representative(Geometry g)
    {
        if (g is Point point)
        {
            return point.Coordinate;
        }

        var vertices = g is IPolygonal ? Vertices(g) : g.Coordinates.ToList();
        return new Coordinate(vertices.Average(c => c.X), vertices.Average(c => c.Y));
    }

    /// <summary>The vertices of a polygon's shells without the closing repeat; any other geometry's vertices.</summary>
    private static List<Coordinate> Vertices(Geometry g) =>
        g is IPolygonal
            ? Enumerable.Range(0, g.NumGeometries).SelectMany(n => ((Polygon)g.GetGeometryN(n)).Shell.Coordinates.SkipLast(1)).ToList()
            : g.Coordinates.ToList();

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Where(List<Coordinate> points) => string.Join(", ", points.Select(Wgs));

    /// <summary>A local-plane coordinate as WGS 84 "lon,lat" for messages.</summary>
    private static string Wgs(Coordinate c) => FormattableString.Invariant(
        $"{Lon0 + c.X / MetresPerRadianX * 180 / Math.PI:0.00000},{Lat0 + c.Y / EarthRadiusM * 180 / Math.PI:0.00000}");

    private sealed class ToLocalFilter : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, MetresPerRadianX * (seq.GetX(i) - Lon0) * Math.PI / 180);
            seq.SetY(i, EarthRadiusM * (seq.GetY(i) - Lat0) * Math.PI / 180);
        }
    }

    /// <summary>Collects the checks of one row: every measurement goes into the message, failed ones marked.</summary>
    private sealed class Verdict(RelationRow row)
    {
        private readonly List<string> _parts = [];
        private bool _pass = true;

        public RuleResult Result => new(_pass, $"{row.Relation} {row.A} {row.B} ({row.Source}): {string.Join("; ", _parts)}");

        public bool Check(bool ok, FormattableString what)
        {
            _parts.Add((ok ? "" : "FAILED ") + what.ToString(CultureInfo.InvariantCulture));
            _pass &= ok;
            return ok;
        }

        public void Note(FormattableString what) => _parts.Add(what.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class UnresolvedNameException(string message) : Exception(message);
}
