using LandMap.Core.Crs;
using LandMap.Core.Geocoding.Grammar;
using LandMap.Core.Geocoding.Roads;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.RelateNG;

namespace LandMap.Core.Geocoding;

/// <summary>A parcel already placed in the same column, for overlaps and 汽车产业园项目南侧.</summary>
/// <param name="Name">The entry's name.</param>
/// <param name="Metric">Its geometry in the metres of the district's plane.</param>
/// <param name="Container">True for a 片区 or park that may contain other parcels.</param>
public sealed record PlacedParcel(string Name, Geometry Metric, bool Container);

/// <summary>
/// Turns the constraints of one location into a <see cref="PlacementPlan"/>: each constraint whose names
/// resolve narrows the region (the district to start with) and may offer an anchor; the strongest anchor
/// wins, in this order: offset from a crossing, crossing corner, another entry's side, a road frontage near
/// a named place, a road frontage, a place, a line to straddle, the middle of a box. A constraint that would
/// leave no room is not applied and is reported as failed, so one bad name cannot erase the rest.
/// </summary>
public sealed class ConstraintSolver(PlaceResolver resolver, Geometry district, GeocoderOptions options)
{
    // Every geometry here is in the resolver's plane; new ones are made by its factory.
    private readonly GeometryFactory _plane = resolver.Plane.Factory;

    // Most regions (a corner's disk, a village's surroundings) lie wholly inside the district: they are their own
    // narrowing, without an overlay against the district's hundreds of vertices.
    private IPreparedGeometry PreparedDistrict => DerivedGeometries.Get(district, new DerivedGeometries.Key("prepared", new(district)),
        () => PreparedGeometryFactory.Prepare(district));

    /// <summary>The plane of the district, in which the plan's geometries are.</summary>
    public MetricPlane Plane => resolver.Plane;

    private sealed record Anchor(int Rank, Coordinate At, AnchorKind Kind, (double X, double Y) Along, (double X, double Y) Away, Geometry? Line, string Method, double Confidence)
    {
        // A frontage on a real network's road stands at its corridor's edge, beyond all carriageways.
        public RoadGeometry? Road { get; init; }

        // A corner of two real roads: the parcel starts at the free land nearest this junction centre.
        public Coordinate? Junction { get; init; }
    }

    /// <summary>Builds the plan for <paramref name="location"/>, a parcel of <paramref name="areaM2"/> (null: none stated).</summary>
    public PlacementPlan Plan(ParsedLocation location, double? areaM2, IReadOnlyList<PlacedParcel> earlier) =>
        Plan(location, areaM2, earlier, deferDistrictCut: true) ?? Plan(location, areaM2, earlier, deferDistrictCut: false)!;

    // With deferDistrictCut, a region reaching beyond the district (a road's side band, kilometres long) is not cut by the
    // district's hundreds of vertices at once: the next region (the village's surroundings) usually brings it wholly inside,
    // and then the cut changes nothing. The plan is the same as cutting at once: a constraint taken while the cut was
    // pending assumed the cut would leave it room; if the final region does not confirm that, the plan is made again
    // with the cut at every step (null).
    internal PlacementPlan? Plan(ParsedLocation location, double? areaM2, IReadOnlyList<PlacedParcel> earlier, bool deferDistrictCut)
    {
        var plan = new PlacementPlan { Region = district };
        var size = Math.Sqrt(areaM2 ?? options.NominalAreaM2);
        var least = (areaM2 ?? options.NominalAreaM2) * 0.05;
        var anchors = new List<Anchor>();
        Coordinate? placePoint = null;
        // uncut: plan.Region has yet to be cut by the district; assumed: a constraint was taken on the uncut area.
        var (uncut, assumed) = (false, false);

        foreach (var constraint in location.Constraints)
        {
            // A corridor (两侧) the other constraints refuse does not make the plan linear.
            var linear = plan.Linear;
            var (region, anchor, test) = Read(constraint, size, plan, earlier, anchors, ref placePoint);
            var result = new ConstraintResult(KindOf(constraint), constraint.Text, constraint.Describe(), false);
            if (region is null && anchor is null)
            {
                plan.Checks.Add(new ConstraintCheck(result with { Detail = "未能解析（名称未知或条件不足）" }, null));
                continue;
            }
            if (region is not null)
            {
                var first = ReferenceEquals(plan.Region, district);
                Geometry narrowed;
                bool pending;
                if (constraint is BoxConstraint && first && !plan.ApproximateOnly)
                {
                    // A box's region is derived once (see Box), and so is the district narrowed to it.
                    narrowed = DerivedGeometries.Get(district, new DerivedGeometries.Key("district-box", new(region)), () => Regions.Intersect(district, region));
                    pending = false;
                }
                else if (first)
                {
                    var inside = PreparedDistrict.Covers(region);
                    narrowed = inside || deferDistrictCut ? region : Regions.Intersect(district, region);
                    pending = !inside && deferDistrictCut;
                }
                else
                {
                    narrowed = Regions.Intersect(plan.Region, region);
                    pending = uncut && !PreparedDistrict.Covers(narrowed);
                }
                // Uncut, the area is at least the cut one's: too small is a conflict either way.
                if (narrowed.Area < least && constraint is not BoxConstraint)
                {
                    plan.Warnings.Add($"“{constraint.Describe()}”与其他条件冲突，未采用");
                    plan.Checks.Add(new ConstraintCheck(result with { Detail = "与其他条件冲突" }, null));
                    plan.Linear = linear;
                    continue;
                }
                plan.Region = narrowed;
                // A region inside the district with room confirms every constraint taken on an uncut area before it.
                (uncut, assumed) = (pending, pending || assumed && narrowed.Area < least);
            }
            if (anchor is not null) anchors.Add(anchor);
            plan.Checks.Add(new ConstraintCheck(result, test));
        }

        if (uncut) plan.Region = Regions.Intersect(district, plan.Region);
        if (assumed && plan.Region.Area < least) return null;

        var best = anchors.OrderBy(a => a.Rank).FirstOrDefault();
        if (best is not null)
        {
            var at = best.At;
            if (best.Kind is AnchorKind.Front or AnchorKind.Straddle && best.Line is not null && placePoint is not null)
            {
                // Front onto the road where it passes the named village.
                at = NetTopologySuite.Operation.Distance.DistanceOp.NearestPoints(best.Line, _plane.CreatePoint(placePoint))[0];
                if (best is { Kind: AnchorKind.Front, Road: { } road }) at = road.Edge(at, best.Away);
            }
            plan.Anchor = at;
            if (!plan.Linear) KeepOffTheStreets(plan, at, size, areaM2 ?? options.NominalAreaM2);
            if (best.Junction is { } junction && !plan.Region.IsEmpty)
            {
                at = NetTopologySuite.Operation.Distance.DistanceOp.NearestPoints(plan.Region, _plane.CreatePoint(junction))[0];
                plan.Anchor = at;
            }
            plan.Kind = best.Kind;
            plan.Along = best.Along;
            plan.Away = best.Away;
            plan.FrontLine = best.Line;
            plan.Method = best.Method;
            plan.BaseConfidence = best.Confidence;
        }
        return plan;
    }

    private (Geometry? Region, Anchor? Anchor, Func<Geometry, (bool, string)>? Test) Read(
        LocationConstraint constraint, double size, PlacementPlan plan, IReadOnlyList<PlacedParcel> earlier, List<Anchor> anchors, ref Coordinate? placePoint)
    {
        var frontDepth = Math.Max(options.MinFrontDepthM, size * 2.5);
        switch (constraint)
        {
            case CornerConstraint c:
            {
                if (Line(c.RoadA, plan) is not { } a || Line(c.RoadB, plan) is not { } b) return (null, null, null);
                if (a.Road is { } roadA && b.Road is { } roadB) return NetworkCorner(c, roadA, roadB, size, plan, earlier);
                var (point, gap) = DerivedGeometries.Get(district, new DerivedGeometries.Key("crossing", new(a.Metric), new(b.Metric)),
                    () => Regions.Crossing(a.Metric, b.Metric));
                if (gap > options.MaxCrossingGapM)
                {
                    plan.Warnings.Add($"{c.RoadA}与{c.RoadB}在地名库中不相交（相距 {gap:0} 米）");
                    return (null, null, null);
                }
                var p = point.Coordinate;
                var near = Regions.Disk(p, size * 3 + 500, _plane);
                var (ew, ns) = Regions.RunsEastWest(a.Metric, p) ? (a.Metric, b.Metric) : (b.Metric, a.Metric);
                if (c.Quadrant is not { } q)
                {
                    var disk = Regions.Disk(p, size * 2 + 300, _plane);
                    return (disk, new Anchor(1, p, AnchorKind.Centre, (1, 0), (0, 1), null, "corner", 0.7),
                        g => { var d = g.Distance(point); return (d <= size + 100, $"距交叉口 {d:0} 米"); });
                }
                var (vertical, horizontal) = Split(q);
                Geometry region = near;
                if (vertical is { } v) region = Regions.Intersect(region, Regions.Side(Regions.ThroughCrossing(ew, p, size * 3 + 500), v, size * 3 + 500));
                if (horizontal is { } h) region = Regions.Intersect(region, Regions.Side(Regions.ThroughCrossing(ns, p, size * 3 + 500), h, size * 3 + 500));
                // A corner parcel lies along the stretch of road on its own side of the crossing.
                var along = horizontal is { } hh
                    ? Oriented(Regions.DirectionNear(ew, p, Directions.Vector(hh)), Directions.Vector(hh))
                    : Oriented(Regions.DirectionNear(ew, p), (1, 0));
                var away = Oriented((-along.Y, along.X), vertical is { } vv ? Directions.Vector(vv) : (0, 1));
                var kind = horizontal is null ? AnchorKind.Front : AnchorKind.Corner;
                var quadrant = region;
                // Two entries at one corner cannot both touch the crossing: the later one may lie just beyond the parcels
                // already on that corner (圣源昊 一站 and 鑫邦 at 八矿路×平安大道 NE).
                var onCorner = earlier.Where(e => !e.Container)
                    .SelectMany(e => Regions.PolygonParts(e.Metric).Select(part => (e.Name, Part: part)))
                    .Where(x => x.Part.Distance(point) <= options.TouchM * 3 && Share(x.Part, quadrant) >= 0.5)
                    .ToList();
                var reach = onCorner.Count == 0 ? options.TouchM * 3 : onCorner.Max(x => x.Part.Coordinates.Max(c => c.Distance(p))) + options.TouchM;
                var beside = onCorner.Count == 0 ? "" : $"（转角已有“{onCorner[0].Name}”）";
                return (region, new Anchor(1, p, kind, along, away, ew, "corner", 0.85),
                    g =>
                    {
                        var (share, distance) = (Share(g, quadrant), g.Distance(point));
                        return (share >= 0.95 && distance <= reach, $"{share:P0} 位于{Directions.Chinese(q)}象限，距交叉口 {distance:0} 米{beside}");
                    });
            }
            case OffsetConstraint o when anchors.LastOrDefault() is { } last:
            {
                var (dx, dy) = Directions.Vector(o.Direction);
                var moved = new Coordinate(last.At.X + dx * o.DistanceM, last.At.Y + dy * o.DistanceM);
                anchors.Add(last with { Rank = 0, At = moved, Kind = AnchorKind.Centre, Method = "offset" });
                return (Regions.Disk(moved, size * 2 + 200, _plane), null, g => { var d = g.Distance(_plane.CreatePoint(moved)); return (d <= size, $"距偏移点 {d:0} 米"); });
            }
            case SideConstraint s:
            {
                if (Line(s.Feature, plan) is not { } line)
                {
                    return Place(new PlaceConstraint(s.Feature, s.Side, s.Text), size, plan, ref placePoint);
                }
                var road = line.Road;
                var centre = road?.Axis ?? line.Metric;
                var geometry = s.Section is { } sec ? Section(centre, sec) : centre;
                var depth = s.Fronting ? frontDepth : options.HalfPlaneDepthM;
                var region = road?.Side(s.Side, depth, geometry) ?? Regions.Side(geometry, s.Side, depth);
                var mid = Regions.Midpoint(geometry);
                var along = Regions.DirectionNear(geometry, mid);
                var away = Oriented((-along.Y, along.X), Directions.Vector(s.Side));
                // A real road is fronted at its corridor's edge, and the land's distance is to its nearest carriageway.
                var front = road?.Corridor ?? geometry;
                if (road is not null) mid = road.Edge(mid, away);
                // A later anchor of the same rank replaces this one when the offset moves along the road (路北6号).
                if (anchors.LastOrDefault() is { Method: "offset" } offset)
                {
                    anchors.Add(offset with { Rank = -1, Kind = AnchorKind.Front, Along = along, Away = away, Line = geometry, At = NetTopologySuite.Operation.Distance.DistanceOp.NearestPoints(geometry, _plane.CreatePoint(offset.At))[0] });
                }
                var anchor = s.Fronting ? new Anchor(3, mid, AnchorKind.Front, along, away, geometry, "side", 0.65) { Road = road } : null;
                return (region, anchor, g => s.Fronting
                    ? SideCheck(g, region, front, s.Side)
                    : ShareCheck(g, region, 0.9, share => $"{share:P0} 在{Directions.Chinese(s.Side)}侧"));
            }
            case BothSidesConstraint both:
                return Straddle(both.Feature, both.Section, frontDepth, plan, linear: true);
            case SectionConstraint section:
                return Straddle(section.Feature, section.Section, frontDepth, plan, linear: false);
            case AlongConstraint along:
                return Straddle(along.Feature, null, frontDepth, plan, linear: false);
            case BoxConstraint box:
                return Box(box, plan);
            case PlaceConstraint place:
                return Place(place, size, plan, ref placePoint);
            case RelativeConstraint r:
            {
                var key = r.Entry.Replace("项目", "");
                var other = earlier.LastOrDefault(e => e.Name.Contains(key));
                if (other is null)
                {
                    plan.Warnings.Add($"“{r.Entry}”不在本栏已定位的条目中");
                    return (null, null, null);
                }
                var env = other.Metric.EnvelopeInternal;
                var (dx, dy) = Directions.Vector(r.Side);
                var centre = new Coordinate(env.Centre.X + dx * (env.Width / 2 + size / 2 + options.TouchM), env.Centre.Y + dy * (env.Height / 2 + size / 2 + options.TouchM));
                var region = Regions.Subtract(Beyond(env, r.Side, size * 3 + 300, size), other.Metric);
                return (region, new Anchor(2, centre, AnchorKind.Centre, (1, 0), (0, 1), null, "relative", 0.6),
                    g => { var d = g.Distance(other.Metric); return (d <= options.TouchM * 4, $"距“{other.Name}” {d:0} 米"); });
            }
            case StretchConstraint st:
            {
                if (resolver.Resolve(st.From, false) is not { } from || resolver.Resolve(st.To, false) is not { } to)
                {
                    Unknown(plan, st.From, st.To);
                    return (null, null, null);
                }
                Track(plan, from, to);
                var line = _plane.CreateLineString([from.Metric.Centroid.Coordinate, to.Metric.Centroid.Coordinate]);
                plan.Linear = true;
                return (line.Buffer(frontDepth), new Anchor(5, Regions.Midpoint(line), AnchorKind.Straddle, Regions.DirectionNear(line, Regions.Midpoint(line)), (0, 1), line, "stretch", 0.5),
                    g =>
                    {
                        var (d0, d1) = (g.Distance(from.Metric), g.Distance(to.Metric));
                        return (d0 <= from.PrecisionM && d1 <= to.PrecisionM, $"起讫点距离 {d0:0}/{d1:0} 米");
                    });
            }
            case BorderConstraint border:
            {
                var band = Regions.Intersect(district.Boundary.Buffer(options.BorderBandM), district);
                return (band, null, g => { var d = g.Distance(district.Boundary); return (d <= options.BorderBandM, $"距区界 {d:0} 米（与{border.Neighbour}交界）"); });
            }
            default:
                return (null, null, null);
        }
    }

    // Land does not lie on a street: the corridors of a real network's roads near the anchor, whatever their names (惠新西街辅路
    // beside 樱花园西街), are taken out of the region, unless that leaves no room. A corridor project (plan.Linear) is on its road.
    private void KeepOffTheStreets(PlacementPlan plan, Coordinate at, double size, double areaM2)
    {
        var reach = size * 4 + 300;
        var streets = resolver.StreetsNear(at, reach);
        if (streets.Count == 0) return;
        var near = new Envelope(at);
        near.ExpandBy(reach);
        // Closed over 20 m: the verge between a street and a side road of another name is not land to place on.
        var closed = Regions.Intersect(Regions.UnionAll(streets), _plane.ToGeometry(near)).Buffer(10, 4).Buffer(-10, 4);
        var clear = Regions.Subtract(plan.Region, closed);
        if (clear.Area >= areaM2 * 0.05) plan.Region = clear;
    }

    /// <summary>
    /// A corner of a crossing of two real roads: the junction is the area their corridors share (all carriageways), and
    /// the quadrant is the land beyond both corridors on the stated sides, measured from the roads' axes; the parcel
    /// starts at the junction's corner on that side.
    /// </summary>
    private (Geometry?, Anchor?, Func<Geometry, (bool, string)>?) NetworkCorner(CornerConstraint c, RoadGeometry a, RoadGeometry b,
        double size, PlacementPlan plan, IReadOnlyList<PlacedParcel> earlier)
    {
        var (junction, p, gap) = RoadGeometry.Junction(a, b);
        if (gap > options.MaxCrossingGapM)
        {
            plan.Warnings.Add($"{c.RoadA}与{c.RoadB}在地名库中不相交（相距 {gap:0} 米）");
            return (null, null, null);
        }
        var reachM = size * 3 + 500;
        var (ew, ns) = Regions.RunsEastWest(a.Axis, p) ? (a, b) : (b, a);
        var corridors = Regions.UnionAll([a.Corridor, b.Corridor, junction]);
        if (c.Quadrant is not { } q)
        {
            var disk = Regions.Disk(p, size * 2 + 300, _plane);
            return (disk, new Anchor(1, p, AnchorKind.Centre, (1, 0), (0, 1), null, "corner", 0.7),
                g => { var d = g.Distance(junction); return (d <= size + 100, $"距交叉口 {d:0} 米"); });
        }
        var (vertical, horizontal) = Split(q);
        Geometry region = Regions.Disk(p, reachM, _plane);
        var ewLine = ew.Through(p, reachM);
        var nsLine = ns.Through(p, reachM);
        if (vertical is { } v) region = Regions.Intersect(region, Regions.Side(ewLine, v, reachM));
        if (horizontal is { } h) region = Regions.Intersect(region, Regions.Side(nsLine, h, reachM));
        // A road that ends at the junction (a T, or the edge of the data) still has its width beyond it.
        region = Regions.Subtract(region, Regions.UnionAll([corridors, ewLine.Buffer(ew.HalfWidth(p), 8), nsLine.Buffer(ns.HalfWidth(p), 8)]));
        var along = Oriented(Regions.DirectionNear(ew.Axis, p), horizontal is { } hh ? Directions.Vector(hh) : (1, 0));
        var away = Oriented((-along.Y, along.X), vertical is { } vv ? Directions.Vector(vv) : (0, 1));
        var kind = horizontal is null ? AnchorKind.Front : AnchorKind.Corner;
        // The corner of the quadrant nearest the junction (where both roads' edges meet, across a gap too): the parcel
        // grows from there into its quadrant.
        var corner = kind != AnchorKind.Corner ? ew.Edge(p, away)
            : region.IsEmpty ? junction.Coordinates.MaxBy(x => (x.X - p.X) * (along.X + away.X) + (x.Y - p.Y) * (along.Y + away.Y))!
            : NetTopologySuite.Operation.Distance.DistanceOp.NearestPoints(region, _plane.CreatePoint(p))[0];
        var quadrant = region;
        var onCorner = earlier.Where(e => !e.Container)
            .SelectMany(e => Regions.PolygonParts(e.Metric).Select(part => (e.Name, Part: part)))
            .Where(x => x.Part.Distance(junction) <= options.TouchM * 3 && Share(x.Part, quadrant) >= 0.5)
            .ToList();
        var reach = onCorner.Count == 0 ? options.TouchM * 3 : onCorner.Max(x => x.Part.Distance(junction) + Diameter(x.Part)) + options.TouchM;
        var beside = onCorner.Count == 0 ? "" : $"（转角已有“{onCorner[0].Name}”）";
        return (region, new Anchor(1, corner, kind, along, away, ew.Axis, "corner", 0.85)
            {
                Road = kind == AnchorKind.Front ? ew : null, Junction = kind == AnchorKind.Corner ? p : null,
            },
            g =>
            {
                // Measured once for the verdict and its text: a share may take an overlay.
                var (share, d) = (Share(g, quadrant), g.Distance(junction));
                return (share >= 0.95 && d <= reach, $"{share:P0} 位于{Directions.Chinese(q)}象限，距交叉口 {d:0} 米{beside}");
            });
    }

    private static double Diameter(Geometry g) => Math.Sqrt(g.EnvelopeInternal.Width * g.EnvelopeInternal.Width + g.EnvelopeInternal.Height * g.EnvelopeInternal.Height);

    private (Geometry?, Anchor?, Func<Geometry, (bool, string)>?) Straddle(string feature, RoadSection? section, double depth, PlacementPlan plan, bool linear)
    {
        if (Line(feature, plan) is not { } line) return (null, null, null);
        var centre = line.Road?.Axis ?? line.Metric;
        var geometry = section is { } s ? Section(centre, s) : centre;
        var mid = Regions.Midpoint(geometry);
        var along = Regions.DirectionNear(geometry, mid);
        if (linear) plan.Linear = true;
        var region = geometry.Buffer(depth);
        return (region, new Anchor(linear ? 5 : 4, mid, AnchorKind.Straddle, along, (-along.Y, along.X), geometry, linear ? "corridor" : "along", 0.55),
            // A corridor runs on the line; 光明路北段 or 昆阳大道辛北村 only says the land lies by that part of it.
            g => { var d = g.Distance(geometry); return (d <= (linear ? options.TouchM : depth), $"距{feature} {d:0} 米"); });
    }

    // 东段 and the like depend on the road and the district only: derived once.
    private Geometry Section(Geometry line, RoadSection section) =>
        DerivedGeometries.Get(district, new DerivedGeometries.Key("section", new(line), Code: (long)section), () => Regions.Section(line, section, district));

    private (Geometry?, Anchor?, Func<Geometry, (bool, string)>?) Box(BoxConstraint box, PlacementPlan plan)
    {
        var sides = new[] { (box.West, Compass.East), (box.East, Compass.West), (box.South, Compass.North), (box.North, Compass.South) };
        var bounds = new List<(ResolvedPlace Side, Compass Inward)>(4);
        foreach (var (name, inward) in sides)
        {
            if (name is null) continue;
            if (resolver.Resolve(name, true) is not { } side)
            {
                Unknown(plan, name);
                continue;
            }
            Track(plan, side);
            bounds.Add((side, inward));
        }
        var used = bounds.Count;
        if (used < 2) return (null, null, null);
        // The same sides make the same box in every column: derived once (the order of the sides is part of the key).
        var key = new DerivedGeometries.Key("box", new(bounds[0].Side.Metric), new(bounds[1].Side.Metric),
            new(used > 2 ? bounds[2].Side.Metric : null), new(used > 3 ? bounds[3].Side.Metric : null),
            bounds.Aggregate(0L, (code, b) => code * 16 + (int)b.Inward + 1), options.HalfPlaneDepthM);
        Geometry Derive() => bounds.Aggregate(district, (r, b) =>
            Regions.Intersect(r, b.Side.Road?.Side(b.Inward, options.HalfPlaneDepthM)
                ?? (b.Side.IsLine ? Regions.Side(b.Side.Metric, b.Inward, options.HalfPlaneDepthM) : HalfPlane(b.Side.Metric, b.Inward))));
        // A side placed from the official lists is a fresh geometry per call: as a key it would never match again and
        // only grow the cache, so such a box is derived each time.
        var region = bounds.Any(b => b.Side.ApproximateOnly) ? Derive() : DerivedGeometries.Get(district, key, Derive);
        if (region.IsEmpty)
        {
            // E.g. 西至 a road that lies east of the 东至 road: the sides enclose nothing in the gazetteer.
            var named = string.Join("，", sides.Where(s => s.Item1 is not null).Select(s => $"{BoxWord(s.Item2)}{s.Item1}"));
            plan.Warnings.Add($"四至（{named}）在地名库中围不出范围：请核对各边道路的位置");
        }
        var inner = region.IsEmpty ? null : region.InteriorPoint.Coordinate;
        var boxRegion = region;
        return (region, inner is null ? null : new Anchor(6, inner, AnchorKind.Centre, (1, 0), (0, 1), null, "box", used == 4 ? 0.85 : 0.7),
            g => ShareCheck(g, boxRegion, 0.95, share => $"{share:P0} 位于四至范围内"));
    }

    // The side of the box a road bounds, named as the report does: the road on the west side is "西至" (inward: east).
    private static string BoxWord(Compass inward) => inward switch
    {
        Compass.East => "西至", Compass.West => "东至", Compass.North => "南至", _ => "北至",
    };

    private (Geometry?, Anchor?, Func<Geometry, (bool, string)>?) Place(PlaceConstraint place, double size, PlacementPlan plan, ref Coordinate? placePoint)
    {
        if (resolver.Resolve(place.Place, false) is not { } p)
        {
            Unknown(plan, place.Place);
            return (null, null, null);
        }
        Track(plan, p);
        var radius = Math.Max(options.VillageRadiusM, p.PrecisionM) + size;
        var isArea = p.Metric is Polygon or MultiPolygon;
        var centre = isArea ? p.Metric.InteriorPoint.Coordinate : p.Metric.Centroid.Coordinate;
        var reach = Math.Max(100, p.PrecisionM * 0.5);
        Geometry region = isArea ? p.Metric.Buffer(reach) : Regions.Disk(centre, radius, _plane);
        if (place.Side is { } side)
        {
            region = Regions.Intersect(HalfPlane(p.Metric, side), p.Metric.Buffer(radius));
            var (dx, dy) = Directions.Vector(side);
            centre = new Coordinate(centre.X + dx * (size / 2 + 50), centre.Y + dy * (size / 2 + 50));
        }
        else
        {
            placePoint ??= centre;
        }
        var target = p.Metric;
        var limit = isArea ? reach : radius;
        return (region, new Anchor(place.Side is null ? 4 : 3, centre, AnchorKind.Centre, (1, 0), (0, 1), null, "place", isArea ? 0.6 : 0.5),
            g => { var d = g.Distance(target); return (d <= limit, $"距{p.Feature.Name} {d:0} 米"); });
    }

    private ResolvedPlace? Line(string name, PlacementPlan plan)
    {
        var resolved = resolver.Resolve(name, true);
        if (resolved is null) Unknown(plan, name);
        else Track(plan, resolved);
        return resolved is { IsLine: true } ? resolved : null;
    }

    private static void Track(PlacementPlan plan, params ResolvedPlace[] places)
    {
        foreach (var p in places)
        {
            plan.PrecisionM = Math.Max(plan.PrecisionM, p.PrecisionM);
            plan.ApproximateOnly |= p.ApproximateOnly;
            if (p.Note is not null && !plan.Warnings.Contains(p.Note)) plan.Warnings.Add(p.Note);
        }
    }

    private static void Unknown(PlacementPlan plan, params string[] names)
    {
        foreach (var n in names.Where(n => !plan.UnknownNames.Contains(n))) plan.UnknownNames.Add(n);
    }

    /// <summary>The land beyond a place's extent towards <paramref name="side"/>: 国家粮食储备库北侧.</summary>
    private Geometry HalfPlane(Geometry place, Compass side)
    {
        var env = place.EnvelopeInternal;
        var d = options.HalfPlaneDepthM;
        var c = env.Centre;
        var box = side switch
        {
            Compass.North => new Envelope(env.MinX - d, env.MaxX + d, c.Y, env.MaxY + d),
            Compass.South => new Envelope(env.MinX - d, env.MaxX + d, env.MinY - d, c.Y),
            Compass.East => new Envelope(c.X, env.MaxX + d, env.MinY - d, env.MaxY + d),
            Compass.West => new Envelope(env.MinX - d, c.X, env.MinY - d, env.MaxY + d),
            _ => Quadrant(env, side, d),
        };
        return Regions.Subtract(_plane.ToGeometry(box), place is Polygon or MultiPolygon ? place : _plane.CreatePolygon());
    }

    /// <summary>The strip just beyond one edge of an envelope: south of another parcel, and so on.</summary>
    private Geometry Beyond(Envelope env, Compass side, double depth, double widen) => _plane.ToGeometry(side switch
    {
        Compass.North => new Envelope(env.MinX - widen, env.MaxX + widen, env.MaxY, env.MaxY + depth),
        Compass.South => new Envelope(env.MinX - widen, env.MaxX + widen, env.MinY - depth, env.MinY),
        Compass.East => new Envelope(env.MaxX, env.MaxX + depth, env.MinY - widen, env.MaxY + widen),
        _ => new Envelope(env.MinX - depth, env.MinX, env.MinY - widen, env.MaxY + widen),
    });

    private static Envelope Quadrant(Envelope env, Compass side, double d)
    {
        var (dx, dy) = Directions.Vector(side);
        var c = env.Centre;
        return new Envelope(c.X, c.X + Math.Sign(dx) * d, c.Y, c.Y + Math.Sign(dy) * d);
    }

    private static (Compass? Vertical, Compass? Horizontal) Split(Compass q) => q switch
    {
        Compass.NorthEast => (Compass.North, Compass.East),
        Compass.NorthWest => (Compass.North, Compass.West),
        Compass.SouthEast => (Compass.South, Compass.East),
        Compass.SouthWest => (Compass.South, Compass.West),
        Compass.North or Compass.South => (q, null),
        _ => (null, q),
    };

    private static (double X, double Y) Oriented((double X, double Y) v, (double X, double Y) toward) =>
        v.X * toward.X + v.Y * toward.Y >= 0 ? v : (-v.X, -v.Y);

    // Each check's share and distance once: the detail repeats them (an overlay each).
    private static (bool, string) ShareCheck(Geometry g, Geometry region, double least, Func<double, string> detail)
    {
        var share = Share(g, region);
        return (share >= least, detail(share));
    }

    private (bool, string) SideCheck(Geometry g, Geometry region, Geometry road, Compass side)
    {
        var (share, distance) = (Share(g, region), g.Distance(road));
        return (share >= 0.9 && distance <= options.TouchM, $"{share:P0} 在{Directions.Chinese(side)}侧，距路 {distance:0} 米");
    }

    // A rectangular parcel's share is clipped without an overlay (RectangleClip.Area). Other shapes (a parcel wrapped round a
    // neighbour) mostly lie wholly in the region they are checked against, which RelateNG tells without an overlay; the
    // rest are overlaid.
    internal static double Share(Geometry g, Geometry region)
    {
        if (g.Area <= 0) return region.Covers(g) ? 1 : 0;
        if (g is Polygon quad && RectangleClip.Area(quad, region) is { } inside) return inside / g.Area;
        if (RelateNG.Relate(region, g, RelatePredicate.Covers())) return 1;
        return Regions.Intersect(g, region).Area / g.Area;
    }

    private static string KindOf(LocationConstraint c) => c switch
    {
        CornerConstraint => "corner",
        SideConstraint => "side",
        BothSidesConstraint => "both-sides",
        SectionConstraint => "section",
        AlongConstraint => "along",
        BoxConstraint => "box",
        PlaceConstraint => "place",
        OffsetConstraint => "offset",
        StretchConstraint => "stretch",
        RelativeConstraint => "relative",
        _ => "border",
    };
}
