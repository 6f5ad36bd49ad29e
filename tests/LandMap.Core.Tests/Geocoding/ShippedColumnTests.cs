using LandMap.Core.Crs;
using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>The Weidong columns geocoded on the shipped gazetteer: the acceptance figures of the geocoder.</summary>
public sealed class ShippedColumnTests
{
    private static readonly Lazy<(IReadOnlyList<GeocodedEntry> Entries, Geometry Weidong)> Shipped = new(() =>
    {
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer"));
        Assert.True(load.IsSuccess, string.Join("\n", load.Problems));
        var reports = new[] { "001_187e19a5026d8d3e", "000_3754bd8aaca57094" }
            .Select(f => ReportExtractor.Extract(ReportFileReader.Read(Path.Combine(TestPaths.Reports, f + ".txt")).Text!))
            .ToList();
        var weidong = MetricPlane.Gk114.ToPlane(gazetteer!.Lookup("卫东区").Single(m => m.Feature.Kind == PlaceKind.District).Feature.Geometry);
        return (ParcelGeocoder.Geocode(reports, gazetteer), weidong);
    });

    private static IEnumerable<GeocodedEntry> Column(int planYear) => Shipped.Value.Entries.Where(e => e.PlanYear == planYear);

    [Fact]
    public void Every2023EntryIsAPolygonOfItsAreaInsideWeidongSatisfyingItsConstraints()
    {
        var column = Column(2023).ToList();

        Assert.Equal(25, column.Count);
        Assert.All(column, e =>
        {
            var metres = MetricPlane.Gk114.ToPlane(e.Geometry!);
            Assert.True(metres is Polygon or MultiPolygon, $"{e.Seq} {e.Name}: {metres.GeometryType}");
            var mu = metres.Area / AreaParser.SquareMetresPerMu;
            Assert.True(Math.Abs(mu - e.AreaMu!.Value) <= e.AreaMu.Value * 0.03, $"{e.Seq} {e.Name}: {mu:0.##} 亩 vs {e.AreaMu}");
            Assert.True(OverlayNGRobust.Overlay(metres, Shipped.Value.Weidong, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection).Area >= metres.Area * 0.999, $"{e.Seq} {e.Name} leaves 卫东区");
            Assert.All(e.Constraints, c => Assert.True(c.Satisfied, $"{e.Seq} {e.Name}: {c.Description} — {c.Detail}"));
        });
    }

    [Fact]
    public void OutlineChecksAgreeWithTheGeocoderAndCatchAMovedOutline()
    {
        var (gazetteer, _) = GazetteerIndex.LoadDirectory(Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer"));
        var report = ReportExtractor.Extract(ReportFileReader.Read(Path.Combine(TestPaths.Reports, "000_3754bd8aaca57094.txt")).Text!);
        var geocoder = new ParcelGeocoder(gazetteer!);
        var placed = geocoder.GeocodeReport(report);
        var column = report.LandEntries.Zip(placed).Where(x => x.Second.Geometry is not null).Select(x => (x.First, x.Second.Geometry!)).ToList();

        // The geocoder's own outline passes the same checks when checked as a reviewer's outline would be.
        foreach (var (entry, parcel) in report.LandEntries.Zip(placed).Where(x => x.First.Parts.Count == 0))
        {
            var checks = geocoder.CheckOutline(entry, report.District, parcel.Geometry!, column);
            Assert.True(parcel.Constraints.Select(c => (c.Kind, c.Text, c.Satisfied)).SequenceEqual(checks.Select(c => (c.Kind, c.Text, c.Satisfied))),
                $"{entry.Seq} {entry.Name}: {string.Join(" | ", parcel.Constraints.Select(c => c.Detail))} vs {string.Join(" | ", checks.Select(c => c.Detail))}");
        }

        // The school (平安大道南侧, 王斌庄村) moved 3 km north no longer matches its report.
        var school = placed.Single(p => p.Seq == 17);
        var moved = MetricPlane.Gk114.ToWgs84(Move(MetricPlane.Gk114.ToPlane(school.Geometry!), 0, 3000));
        var movedChecks = geocoder.CheckOutline(report.LandEntries.Single(e => e.Seq == 17), report.District, moved, column);
        Assert.NotEmpty(movedChecks);
        Assert.Contains(movedChecks, c => !c.Satisfied);
        Assert.All(school.Constraints, c => Assert.True(c.Satisfied));
    }

    private static Geometry Move(Geometry g, double dx, double dy)
    {
        var copy = g.Copy();
        copy.Apply(new NetTopologySuite.Geometries.Utilities.AffineTransformation().Translate(dx, dy));
        return copy;
    }

    [Fact]
    public void No2023ParcelsOverlapBeyondTenPercentExceptTheDistrictAndThePark()
    {
        var parcels = Column(2023).Where(e => e.Seq is not (23 or 25)).Select(e => (e, m: MetricPlane.Gk114.ToPlane(e.Geometry!))).ToList();

        foreach (var (a, ma) in parcels)
        {
            foreach (var (b, mb) in parcels.Where(p => p.e.Seq > a.Seq))
            {
                var overlap = OverlayNGRobust.Overlay(ma, mb, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection).Area;
                Assert.True(overlap <= Math.Min(ma.Area, mb.Area) * 0.10, $"{a.Seq} {a.Name} and {b.Seq} {b.Name} overlap by {overlap / Math.Min(ma.Area, mb.Area):P0}");
            }
        }
    }

    [Fact]
    public void AtLeast32Of35Entries2021AreLocatedInsideWeidong()
    {
        var inside = Column(2021).Count(e => e.Geometry is { } g && Shipped.Value.Weidong.Intersects(MetricPlane.Gk114.ToPlane(g).InteriorPoint));

        Assert.True(inside >= 32, $"{inside} of 35 inside 卫东区");
    }

    [Fact]
    public void EveryPlacedGeometryIsValidInLonLatAndInMetres()
    {
        // Exports (Shapefile, GeoPackage) and PostGIS reject or mangle invalid polygons: none may leave the geocoder.
        Assert.All(Shipped.Value.Entries.Where(e => e.Geometry is not null), e =>
        {
            Assert.True(e.Geometry!.IsValid, $"{e.PlanYear}-{e.Seq} {e.Name}: invalid in WGS 84");
            Assert.True(MetricPlane.Gk114.ToPlane(e.Geometry).IsValid, $"{e.PlanYear}-{e.Seq} {e.Name}: invalid in EPSG:4547");
        });
    }

    [Fact]
    public void NoGeometryIsEverPlacedForAnUnresolvedEntry()
    {
        Assert.All(Shipped.Value.Entries.Where(e => e.Status == GeocodeStatus.Unresolved), e => Assert.Null(e.Geometry));
        Assert.All(Shipped.Value.Entries.Where(e => e.Geometry is not null), e => Assert.InRange(e.Confidence, 0.01, 1));
    }

    // RFC 7946 §3.1.6: a GeoJSON polygon's shell runs anticlockwise and its holes clockwise; each ring starts at its
    // lowest vertex, so a parcel is written one way whichever path placed it.
    [Fact]
    public void EveryStoredPolygonFollowsTheRightHandRule()
    {
        var rings = Shipped.Value.Entries.Select(e => e.Geometry).OfType<Geometry>()
            .SelectMany(g => Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN)).OfType<Polygon>()
            .SelectMany(p => p.InteriorRings.Select(h => (Ring: h, Shell: false)).Prepend((Ring: p.Shell, Shell: true)))
            .ToList();

        Assert.True(rings.Count(r => r.Shell) >= 20, $"{rings.Count(r => r.Shell)} polygons");
        Assert.All(rings, r =>
        {
            Assert.Equal(r.Shell, NetTopologySuite.Algorithm.Orientation.IsCCW(r.Ring.CoordinateSequence));
            Assert.Equal(r.Ring.Coordinates.Min(), r.Ring.Coordinates[0]);
        });
    }
}
