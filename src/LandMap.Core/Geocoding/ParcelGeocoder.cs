using LandMap.Core.Crs;
using LandMap.Core.Extraction;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding.Grammar;
using LandMap.Core.Reports;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Precision;

namespace LandMap.Core.Geocoding;

/// <summary>
/// Turns the land entries of reports into parcels. For each entry: parse the location into constraints,
/// solve them into a region and an anchor (<see cref="ConstraintSolver"/>), and place a polygon of the
/// stated area there (<see cref="ParcelPlacer"/>), away from the parcels already placed in the same column.
/// Entries are placed most-constrained first (boxes, corners, frontages near villages, …, 片区 and parks
/// last, since they may contain others). Fallbacks, in order: sub-parcels (一站/二站台) are placed one by one
/// into a MultiPolygon; an entry with no stated area borrows the area of the same-named entry of another
/// column and says so, or else is located as a point (a line for linear works); an entry none of whose
/// names resolve is unresolved, with no geometry.
/// </summary>
public sealed class ParcelGeocoder(GazetteerIndex gazetteer, GeocoderOptions? options = null)
{
    private readonly GeocoderOptions _options = options ?? new GeocoderOptions();

    /// <summary>Geocodes every land entry of <paramref name="reports"/> with default options.</summary>
    public static IReadOnlyList<GeocodedEntry> Geocode(IReadOnlyList<ExtractedReport> reports, GazetteerIndex gazetteer) =>
        new ParcelGeocoder(gazetteer).GeocodeAll(reports);

    /// <summary>
    /// Geocodes every entry of every report; areas are borrowed across reports by exact name. Reports are independent
    /// columns, so they are geocoded in parallel; the entries come back in report order, as one by one.
    /// </summary>
    public IReadOnlyList<GeocodedEntry> GeocodeAll(IReadOnlyList<ExtractedReport> reports)
    {
        var stated = reports.SelectMany(r => r.LandEntries.Where(e => e.AreaMu is not null).Select(e => (r.PlanYear, e.Name, Area: e.AreaMu!.Value)))
            .GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First());
        var columns = new IReadOnlyList<GeocodedEntry>[reports.Count];
        void Column(int i) => columns[i] = GeocodeReport(reports[i], name => stated.TryGetValue(name, out var s) && s.PlanYear != reports[i].PlanYear ? (s.Area, s.PlanYear) : null);
        if (reports.Count == 1)
        {
            Column(0);
        }
        else
        {
            try
            {
                Parallel.For(0, reports.Count, Column);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                // What one column throws reaches the caller as it would one by one.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }
        return columns.SelectMany(c => c).ToList();
    }

    /// <summary>Geocodes one report's column; <paramref name="borrowArea"/> may supply an area for an entry stating none.</summary>
    public IReadOnlyList<GeocodedEntry> GeocodeReport(ExtractedReport report, Func<string, (double AreaMu, int? PlanYear)?>? borrowArea = null)
    {
        var resolver = new PlaceResolver(gazetteer, report.District);
        var district = resolver.DistrictArea();
        var placed = new List<PlacedParcel>();
        var results = new Dictionary<int, GeocodedEntry>();
        var prefixes = AdminPrefixes(report.District);
        var work = report.LandEntries.Select((e, i) => (Entry: e, Index: i, Parsed: LocationParser.Parse(e.Location, e.Bounds, prefixes))).ToList();

        foreach (var (entry, index, parsed) in work.OrderBy(w => Priority(w.Entry, w.Parsed)).ThenBy(w => w.Index))
        {
            var borrowed = entry.AreaMu is null ? borrowArea?.Invoke(entry.Name) : null;
            results[index] = district is null
                ? Unresolved(report, entry, $"地名库中没有区县“{report.District}”")
                : GeocodeIsolated(report, entry, parsed, borrowed, new ConstraintSolver(resolver, district, _options), district, placed)
                    with { MetricCrs = $"EPSG:{resolver.Plane.Epsg}" };
        }
        return results.OrderBy(r => r.Key).Select(r => r.Value).ToList();
    }

    /// <summary>
    /// Checks an outline a reviewer drew or a survey gave (WGS 84) against what the report says of <paramref name="entry"/>:
    /// the checks the geocoder's own parcels get (side of a road, inside a 四至 box, near a village, beside another entry …),
    /// so a corrected outline shows whether it still matches the report. <paramref name="neighbours"/> are the other
    /// parcels of the same column (WGS 84), which entries named relative to them and shared corners need. Empty when the
    /// district is not in the gazetteer.
    /// </summary>
    public IReadOnlyList<ConstraintResult> CheckOutline(LandEntry entry, string? district, Geometry wgs84,
        IReadOnlyList<(LandEntry Entry, Geometry Wgs84)> neighbours)
    {
        var resolver = new PlaceResolver(gazetteer, district);
        if (resolver.DistrictArea() is not { } area) return [];
        var metric = resolver.Plane.ToPlane(wgs84);
        var others = neighbours.Where(n => n.Entry.Seq != entry.Seq)
            .Select(n => new PlacedParcel(n.Entry.Name, resolver.Plane.ToPlane(n.Wgs84), IsContainer(n.Entry, n.Entry.AreaMu)))
            .ToList();
        var size = entry.AreaMu * AreaParser.SquareMetresPerMu ?? (metric is IPolygonal ? metric.Area : null);
        var plan = new ConstraintSolver(resolver, area, _options).Plan(LocationParser.Parse(entry.Location, entry.Bounds, AdminPrefixes(district)), size, others);
        return plan.Checks.Select(c => Evaluate(c, metric)).ToList();
    }

    /// <summary>Geocodes a location typed by a user (<c>landmap geocode --text</c>).</summary>
    public GeocodedEntry GeocodeText(string text, string district)
    {
        var warnings = new List<string>();
        var entry = LandEntryParser.Parse(1, "（输入）：" + text, false, 1, warnings);
        var report = new ExtractedReport { File = "(text)", District = district, Encoding = "utf-8", LandEntries = [entry] };
        return GeocodeReport(report)[0];
    }

    // One entry's geometry failure (a TopologyException, an overlay NTS refuses) makes that entry unresolved with the
    // reason; the rest of the column is still geocoded, and nothing it placed before is lost.
    private GeocodedEntry GeocodeIsolated(ExtractedReport report, LandEntry entry, ParsedLocation parsed, (double AreaMu, int? PlanYear)? borrowed,
        ConstraintSolver solver, Geometry district, List<PlacedParcel> placed)
    {
        var before = placed.Count;
        try
        {
            return GeocodeEntry(report, entry, parsed, borrowed, solver, district, placed);
        }
        catch (Exception e) when (e is TopologyException or ArgumentException or InvalidOperationException or AggregateException)
        {
            placed.RemoveRange(before, placed.Count - before);
            return Unresolved(report, entry, $"几何计算失败（{e.Message}），未定位；请审核员手工画出");
        }
    }

    // Every place a location names (a 村 among them), wherever the grammar put it: the place itself, a side of it, a 四至 edge, a stretch's end.
    private static IEnumerable<string> NamedPlaces(ParsedLocation parsed) => parsed.Constraints.SelectMany(c => c switch
    {
        PlaceConstraint p => [p.Place],
        SideConstraint s => [s.Feature],
        BothSidesConstraint b => [b.Feature],
        BoxConstraint box => new[] { box.West, box.East, box.South, box.North }.OfType<string>(),
        StretchConstraint st => [st.From, st.To],
        _ => [],
    });

    private GeocodedEntry GeocodeEntry(ExtractedReport report, LandEntry entry, ParsedLocation parsed, (double AreaMu, int? PlanYear)? borrowed,
        ConstraintSolver solver, Geometry district, List<PlacedParcel> placed)
    {
        var warnings = new List<string>();
        if (report.District is { } named) warnings.AddRange(NamedPlaces(parsed).Select(p => gazetteer.Villages.Check(named, p)).OfType<string>().Distinct());
        var areaMu = entry.AreaMu ?? borrowed?.AreaMu;
        if (entry.AreaMu is null && borrowed is { } b) warnings.Add($"未写面积：取 {b.PlanYear} 年同名条目的 {b.AreaMu:0.##} 亩");
        else if (areaMu is null) warnings.Add("未写面积：只定位，不画地块");
        var container = IsContainer(entry, areaMu);

        var parts = entry.Parts.Count > 0 && entry.Location is { } loc ? LocationParser.SplitParts(loc) : [];
        var pieces = new List<(Geometry? Geometry, PlacementPlan Plan)>();
        if (parts.Count == entry.Parts.Count && parts.Count > 1 && areaMu is not null)
        {
            // Each part keeps clear of the parts placed before it, as of other entries.
            var withParts = new List<PlacedParcel>(placed);
            for (var i = 0; i < parts.Count; i++)
            {
                var piece = PlacePiece(solver, LocationParser.Parse(parts[i].Text, null, AdminPrefixes(report.District)), entry.Parts[i].AreaMu * AreaParser.SquareMetresPerMu, withParts, container, warnings);
                if (piece.Geometry is { } g) withParts.Add(new PlacedParcel(entry.Name + parts[i].Label, g, container));
                pieces.Add(piece);
            }
        }
        else
        {
            pieces.Add(PlacePiece(solver, parsed, areaMu * AreaParser.SquareMetresPerMu, placed, container, warnings));
        }

        var plans = pieces.Select(p => p.Plan).ToList();
        var unknown = plans.SelectMany(p => p.UnknownNames).Distinct().ToList();
        warnings.InsertRange(0, unknown.Select(n => $"地名库中没有“{n}”" + (Unplaced(report.District, n) is { } why ? $"（{why}）" : "")));
        warnings.AddRange(plans.SelectMany(p => p.Warnings).Distinct());
        var geometries = pieces.Where(p => p.Geometry is not null).Select(p => p.Geometry!).ToList();
        if (geometries.Count == 0)
        {
            // "Unresolved" always says why; a plan that found no place without a warning of its own gets the general one.
            if (warnings.Count == 0) warnings.Add("各条件在地名库中没有共同的范围，无法定位");
            return Unresolved(report, entry, [.. warnings]);
        }

        var metric = geometries.Count == 1 ? geometries[0] : Regions.UnionAll(geometries);
        placed.Add(new PlacedParcel(entry.Name, metric, container));
        // Checked as stored: the WGS 84 form drops slivers and touching holes that could pass a check the land does not.
        // Each piece is stored once (it was once per check); a single piece is also the entry's geometry.
        var stored = pieces.Where(p => p.Geometry is not null).Select(p => (p.Plan, Wgs84: ToWgs84(p.Geometry!, solver.Plane))).ToList();
        var checks = stored.SelectMany(p =>
        {
            var asStored = solver.Plane.ToPlane(p.Wgs84);
            return p.Plan.Checks.Select(c => Evaluate(c, asStored));
        }).ToList();
        var computedMu = metric is Polygon or MultiPolygon ? metric.Area / AreaParser.SquareMetresPerMu : (double?)null;
        var areaOk = areaMu is null || computedMu is { } c0 && Math.Abs(c0 - areaMu.Value) <= areaMu.Value * 0.03;
        if (areaMu is { } want && computedMu is { } got && !areaOk) warnings.Add($"只放下 {got:0.##} 亩，所述 {want:0.##} 亩");

        var satisfied = checks.Count == 0 ? 0 : checks.Count(c => c.Satisfied) / (double)checks.Count;
        var located = unknown.Count == 0 && !plans.Any(p => p.ApproximateOnly) && checks.Count > 0 && checks.All(c => c.Satisfied) && areaOk && entry.AreaMu is not null;
        var precision = plans.Max(p => p.PrecisionM);
        var confidence = plans.Average(p => p.BaseConfidence) * (0.4 + 0.6 * satisfied)
            * Math.Max(0.4, 1 - precision / 2500) * (unknown.Count > 0 ? 0.7 : 1) * (entry.AreaMu is null ? 0.8 : 1);

        return Unresolved(report, entry) with
        {
            AreaMuComputed = computedMu is { } mu ? Math.Round(mu, 2) : null,
            Status = located ? GeocodeStatus.Located : GeocodeStatus.Approximate,
            Confidence = Math.Round(Math.Clamp(confidence, 0, 1), 2),
            Method = pieces.Count > 1 ? "parts:" + string.Join("+", plans.Select(p => p.Method)) : plans[0].Method,
            Constraints = checks,
            Warnings = warnings,
            Geometry = stored.Count == 1 ? stored[0].Wgs84 : ToWgs84(metric, solver.Plane),
        };
    }

    // How a location may write the report's own district before a place (北京市朝阳区酒仙桥路东侧), from the registry.
    private IReadOnlyList<string> AdminPrefixes(string? district) =>
        gazetteer.Districts.ByName(district) is { } registered ? [.. registered.AddressForms()] : [];

    // Why the official lists could not place a 村/社区 either (homonyms, a 乡/镇 too large to stand for it), when they say.
    private string? Unplaced(string? district, string name) =>
        district is not null && DivisionPoints.Locate(gazetteer.Villages, district, name) is { Feature: null } found ? found.Note : null;

    private (Geometry? Geometry, PlacementPlan Plan) PlacePiece(ConstraintSolver solver, ParsedLocation parsed, double? areaM2,
        List<PlacedParcel> placed, bool container, List<string> warnings)
    {
        var plan = solver.Plan(parsed, areaM2, placed);
        if (plan.Anchor is null) return (null, plan);
        var factory = solver.Plane.Factory;
        if (areaM2 is not { } area)
        {
            Geometry marker = plan.Linear && plan.FrontLine is { } line ? Regions.Intersect(line, plan.Region) : factory.CreatePoint(plan.Anchor);
            if (marker.IsEmpty) marker = factory.CreatePoint(plan.Anchor);
            else if (!plan.Linear && plan.Kind == AnchorKind.Front) marker = OffTheRoad(plan, _options.TouchM / 2, factory);
            return (marker, plan);
        }
        if (plan.Method == "box" && plan.Region.Area < area * (1 - _options.AreaTolerance))
        {
            warnings.Add($"四至范围只有 {plan.Region.Area / AreaParser.SquareMetresPerMu:0.#} 亩，小于所述 {area / AreaParser.SquareMetresPerMu:0.##} 亩");
            return (plan.Region, plan);
        }
        // Only parcels near this one's region can take its room; skipping the rest keeps big columns linear.
        var reach = plan.Region.EnvelopeInternal;
        // Only land takes room: the point or line of an entry without an area occupies nothing (and would make the
        // union mixed-dimension, which NTS refuses).
        var occupied = container ? null : placed.Where(p => !p.Container && p.Metric is IPolygonal && p.Metric.EnvelopeInternal.Intersects(reach))
            .Select(p => p.Metric).ToList();
        // Subtracted only where a rectangle the placer tries comes near one of them.
        var free = new ParcelPlacer.FreeRegion(plan.Region, occupied ?? []);
        var parcel = ParcelPlacer.Place(plan, area, free, _options.AreaTolerance);
        if (parcel is null) warnings.Add("约束范围内已无空地，只定位为点");
        return (parcel ?? factory.CreatePoint(plan.Anchor), plan);
    }

    // A point entry fronting a road ("光明路北段东侧下牛村", no area) stands on the stated side, off the centre line where
    // its own side check would fail, and still within touching distance of the road.
    private static Geometry OffTheRoad(PlacementPlan plan, double setbackM, GeometryFactory factory)
    {
        var anchor = plan.Anchor!;
        var setback = factory.CreatePoint(new Coordinate(anchor.X + plan.Away.X * setbackM, anchor.Y + plan.Away.Y * setbackM));
        // Outside the region the other constraints would break instead: keep the anchor then.
        return plan.Region.Contains(setback) ? setback : factory.CreatePoint(anchor);
    }

    private static ConstraintResult Evaluate(ConstraintCheck check, Geometry parcel)
    {
        if (check.Test is null) return check.Result;
        var (ok, detail) = check.Test(parcel);
        return check.Result with { Satisfied = ok, Detail = detail };
    }

    private bool IsContainer(LandEntry entry, double? areaMu) =>
        areaMu >= _options.ContainerMinAreaMu && (entry.Name.Contains("片区") || entry.Name.Contains("公园"));

    // Most constrained first, so loosely placed parcels give way; 片区 and parks last.
    private int Priority(LandEntry entry, ParsedLocation parsed)
    {
        if (IsContainer(entry, entry.AreaMu)) return 9;
        var kinds = parsed.Constraints.Select(c => c.GetType()).ToHashSet();
        if (kinds.Contains(typeof(RelativeConstraint))) return 8;
        if (kinds.Contains(typeof(BoxConstraint))) return 0;
        if (kinds.Contains(typeof(CornerConstraint))) return 1;
        if (kinds.Contains(typeof(SideConstraint)) && kinds.Contains(typeof(PlaceConstraint))) return 2;
        if (kinds.Contains(typeof(SideConstraint))) return 3;
        return kinds.Contains(typeof(PlaceConstraint)) ? 4 : 6;
    }

    // The record of an entry before (or without) a place: what the report says, and no geometry.
    private static GeocodedEntry Unresolved(ExtractedReport report, LandEntry entry, params string[] warnings) => new()
    {
        File = report.File,
        District = report.District,
        PlanYear = report.PlanYear,
        Seq = entry.Seq,
        Name = entry.Name,
        Location = entry.Location,
        AreaMu = entry.AreaMu,
        Status = GeocodeStatus.Unresolved,
        Confidence = 0,
        Method = "unresolved",
        Warnings = warnings,
    };

    private static readonly PrecisionModel Centimetre = new(100);
    private static readonly PrecisionModel TenthMicrodegree = new(1e7);

    // Clipping leaves near-collinear slivers that a projection can turn into self-intersections: snap to 1 cm,
    // project, snap to 1e-7° (what GeoJSON carries), and repair what is left, so every stored parcel is valid.
    internal static Geometry ToWgs84(Geometry metric, MetricPlane plane) => Stored(RoundedVertexByVertex(metric, plane) ?? SnapRounded(metric, plane));

    /// <summary>The stored form by snap-rounding alone, which <see cref="ToWgs84"/> must equal.</summary>
    internal static Geometry SnapRoundedToWgs84(Geometry metric, MetricPlane plane) => Stored(SnapRounded(metric, plane));

    private static Geometry SnapRounded(Geometry metric, MetricPlane plane) =>
        GeometryPrecisionReducer.Reduce(plane.ToWgs84(GeometryPrecisionReducer.Reduce(metric, Centimetre)), TenthMicrodegree);

    private static Geometry Stored(Geometry wgs84)
    {
        if (!wgs84.IsValid) wgs84 = GeometryFixer.Fix(wgs84);
        if (wgs84 is IPolygonal) wgs84 = RightHanded(wgs84);
        wgs84.SRID = 4326;
        return wgs84;
    }

    // Most parcels are rectangles: rounded vertex by vertex they stay valid polygons, which is what snap-rounding gives
    // them too, without its overlay. Null (snap-round it) for a polygon with holes, one of many vertices, and one where a
    // vertex comes within a few centimetres of an edge not its own: a spike or neck snap-rounding closes. A spike of no
    // width (out and back along one line) is taken off first, as snap-rounding dissolves it.
    internal static Geometry? RoundedVertexByVertex(Geometry metric, MetricPlane plane)
    {
        if (metric is not Polygon { NumInteriorRings: 0 } polygon || polygon.IsEmpty || polygon.NumPoints > MaxRoundedVertices) return null;
        if (WithoutFlatSpikes(polygon.Shell.Coordinates) is not { } ring) return null;
        var shell = ring.Select(c => new Coordinate(Centimetre.MakePrecise(c.X), Centimetre.MakePrecise(c.Y))).ToArray();
        var n = shell.Length - 1;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (j == i || (j + 1) % n == i) continue;
                if (NetTopologySuite.Algorithm.DistanceComputer.PointToSegment(shell[i], shell[j], shell[j + 1]) < NeckM) return null;
            }
        }
        var rounded = new List<Coordinate>(shell.Length);
        foreach (var c in shell)
        {
            var (lon, lat) = plane.ToWgs84(c.X, c.Y);
            var at = new Coordinate(TenthMicrodegree.MakePrecise(lon), TenthMicrodegree.MakePrecise(lat));
            if (rounded.Count == 0 || !rounded[^1].Equals2D(at)) rounded.Add(at);
        }
        if (rounded.Count < 4 || !rounded[0].Equals2D(rounded[^1])) return null;
        var result = metric.Factory.CreatePolygon([.. rounded]);
        return result.IsValid ? result : null;
    }

    private const int MaxRoundedVertices = 32;
    private const double NeckM = 0.05;

    // A spike narrower than this is flat: its tip's neighbour lies on the stroke back, to the last bits of an overlay.
    private const double FlatSpikeM = 1e-6;

    // The ring (closed) without its flat spikes: the sliver a clipped parcel keeps along a neighbour's edge, out along a
    // line and straight back. Snap-rounding dissolves such a spike and leaves the rest as it is, but only when both its
    // strokes are longer than a neck and nothing else of the ring comes within a neck of it: otherwise null (snap-round).
    private static Coordinate[]? WithoutFlatSpikes(Coordinate[] closed)
    {
        // Most rings have none: the shell as it is, without a copy.
        var n = closed.Length - 1;
        var any = false;
        for (var i = 0; i < n && !any; i++) any = IsFlatSpike(closed[(i + n - 1) % n], closed[i], closed[i + 1]);
        if (!any) return closed;
        List<Coordinate> ring = [.. closed[..^1]];
        List<(Coordinate Before, Coordinate Tip, Coordinate After)>? spikes = null;
        // Until nothing changes: taking a tip off can make its neighbour a tip (a spike of several vertices), the ring's
        // first vertex among them.
        for (var changed = true; changed && ring.Count > 3;)
        {
            changed = false;
            for (var i = 0; i < ring.Count && ring.Count > 3; i++)
            {
                var (before, tip, after) = (ring[(i + ring.Count - 1) % ring.Count], ring[i], ring[(i + 1) % ring.Count]);
                if (!IsFlatSpike(before, tip, after)) continue;
                (spikes ??= []).Add((before, tip, after));
                ring.RemoveAt(i--);
                changed = true;
            }
        }
        if (spikes is not null && !ClearOfTheRest(ring, spikes)) return null;
        ring.Add(ring[0]);
        return [.. ring];
    }

    // The ring turns straight back at the tip (one neighbour lies on the other stroke), after a stroke a neck long at least.
    private static bool IsFlatSpike(Coordinate before, Coordinate tip, Coordinate after) =>
        (tip.X - before.X) * (after.X - tip.X) + (tip.Y - before.Y) * (after.Y - tip.Y) < 0
        && before.Distance(tip) >= NeckM && tip.Distance(after) >= NeckM
        && (NetTopologySuite.Algorithm.DistanceComputer.PointToSegment(before, tip, after) < FlatSpikeM
            || NetTopologySuite.Algorithm.DistanceComputer.PointToSegment(after, before, tip) < FlatSpikeM);

    // Snap-rounding nodes whatever comes within its grid of a spike: only a spike a neck clear of every other edge and
    // vertex dissolves alone.
    private static bool ClearOfTheRest(List<Coordinate> ring, List<(Coordinate Before, Coordinate Tip, Coordinate After)> spikes)
    {
        foreach (var (before, tip, after) in spikes)
        {
            for (var j = 0; j < ring.Count; j++)
            {
                var (a, b) = (ring[j], ring[(j + 1) % ring.Count]);
                if (NetTopologySuite.Algorithm.DistanceComputer.PointToSegment(tip, a, b) < NeckM) return false;
                if (ReferenceEquals(a, before) || ReferenceEquals(a, after)) continue;
                if (NetTopologySuite.Algorithm.DistanceComputer.PointToSegment(a, before, tip) < NeckM
                    || NetTopologySuite.Algorithm.DistanceComputer.PointToSegment(a, tip, after) < NeckM) return false;
            }
        }
        return true;
    }

    // GeoJSON's right-hand rule (RFC 7946 §3.1.6): shells anticlockwise, holes clockwise, and every ring from its lowest
    // vertex, so a parcel is written the same way whichever path of the placer made it.
    private static Geometry RightHanded(Geometry polygonal)
    {
        var canonical = polygonal.Copy();
        canonical.Normalize();
        return canonical.Reverse();
    }
}
