using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandMap.Core.Geocoding;
using LandMap.Core.LandUse;
using LandMap.Core.Reports;
using LandMap.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

/// <summary>
/// Bulk import (PostgreSQL COPY, SQLite's deferred R*Tree): every field an entry can carry reads back as imported,
/// the spatial index knows the new rows, and ids go on without collisions for the row-by-row writes after it.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly JsonSerializerOptions StoredJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>
    /// A column longer than <see cref="SqliteParcelStore.DeferredRtreeEntries"/> (SQLite fills its R*Trees after the rows) whose first entries carry every field: parts, bounds,
    /// approximate areas with a qualifier, notes, a MultiPolygon, a Point, an unresolved entry, one the geocoder skipped, and
    /// text outside the Basic Multilingual Plane.
    /// </summary>
    protected static ReportImport EveryFieldColumn(string tag, int count = SqliteParcelStore.DeferredRtreeEntries + 20)
    {
        var file = $"every-field{tag}.txt";
        var special = new List<(LandEntry Entry, GeocodedEntry? Geocoded)>
        {
            (new LandEntry
            {
                Seq = 1, Name = $"{tag}平顶山市现代物流仓储项目", Location = "平安大道与开发路交叉口东北角", AreaMu = 112.5, Approx = true,
                AreaQualifier = AreaQualifier.Approximate, AreaText = "面积约112.5亩", Note = "占辛南、焦庄村集体土地",
                Parts = [new AreaPart("一站", 47, true), new AreaPart("二站台", 65.5, false)],
                Bounds = new Bounds("建设路", "开发路", null, "平安大道", "sizhi"), Source = new SourceRef(17, "1.平顶山市现代物流仓储项目，位于…"),
            }, Geocoded(1, GeocodeStatus.Located, Wgs84.CreateMultiPolygon([Box(113.30, 33.70), Box(113.31, 33.70)]), 0.87, "corner",
                [new ConstraintResult("corner", "交叉口东北角", "平安大道与开发路交叉口东北", true, "checked on the stored parcel")], ["二站台位置按面积推定"], 112.1)),
            (new LandEntry
            {
                Seq = 2, Name = $"{tag}𠀀𡈽𪚥湿地公园（二期）", Location = "𡈽村以北", AreaMu = 80, AreaQualifier = AreaQualifier.AtLeast, AreaText = "80余亩",
                Approx = true, Bounds = new Bounds("𠀀路", null, "湛河", null, "half-planes"), Source = new SourceRef(18, "2.𠀀𡈽𪚥湿地公园（二期）"),
            }, Geocoded(2, GeocodeStatus.Approximate, Box(113.32, 33.71), 0.4, "side", [], ["𪚥 not in the gazetteer"], 79.9)),
            (new LandEntry { Seq = 3, Name = $"{tag}新城区学校", Location = "未知路段", Source = new SourceRef(19, "3.新城区学校") },
                Geocoded(3, GeocodeStatus.Unresolved, null, 0, "none", [], ["未找到地名：未知路段"], null)),
            (new LandEntry { Seq = 4, Name = $"{tag}变电站", Location = "东环路", AreaMu = 5, AreaQualifier = AreaQualifier.Range, AreaText = "4-6亩", Source = new SourceRef(20, "4.变电站") },
                null),
            (new LandEntry { Seq = 5, Name = $"{tag}党群服务中心", Location = "建设路中段", Source = new SourceRef(21, "5.党群服务中心") },
                Geocoded(5, GeocodeStatus.Approximate, Wgs84.CreatePoint(new Coordinate(113.33, 33.72)), 0.3, "place", [], ["no area stated"], null)),
        };
        var entries = special.Select(s => s.Entry).ToList();
        var geocoded = special.Where(s => s.Geocoded is not null).Select(s => s.Geocoded!).ToList();
        for (var seq = special.Count + 1; seq <= count; seq++)
        {
            var name = $"{tag}合成{seq}号厂房";
            entries.Add(new LandEntry { Seq = seq, Name = name, AreaMu = seq, AreaQualifier = AreaQualifier.Exact, AreaText = $"{seq}亩", Source = new SourceRef(100 + seq, name) });
            geocoded.Add(Geocoded(seq, GeocodeStatus.Located, Box(113.20 + seq % 50 * 0.002, 33.60 + seq / 50 * 0.002), 0.6, "box", [], [], seq * 0.98));
        }
        var report = new ExtractedReport { File = file, District = "卫东区", PlanYear = 2031, Encoding = "utf-8", LandEntries = entries };
        return new ReportImport(report, geocoded, Guid.NewGuid().ToString("N"));

        GeocodedEntry Geocoded(int seq, GeocodeStatus status, Geometry? geometry, double confidence, string method, ConstraintResult[] constraints,
            string[] warnings, double? areaMuComputed) => new()
            {
                File = file, Seq = seq, Name = $"entry {seq}", Status = status, Geometry = geometry, Confidence = confidence, Method = method,
                Constraints = constraints, Warnings = warnings, AreaMuComputed = areaMuComputed,
            };
    }

    private static Polygon Box(double lon, double lat) =>
        Wgs84.CreatePolygon([new(lon, lat), new(lon + 0.001, lat), new(lon + 0.001, lat + 0.001), new(lon, lat + 0.001), new(lon, lat)]);

    private static void AssertSameJson(string expected, string actual, string what) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"{what}: expected {expected}, got {actual}");

    /// <summary>Every stored field of <paramref name="actual"/> as <paramref name="import"/> gave it.</summary>
    private static void AssertStoredAsImported(ReportImport import, ParcelRecord actual)
    {
        var report = import.Report;
        var e = report.LandEntries.Single(x => x.Seq == actual.Seq);
        var g = import.Geocoded.SingleOrDefault(x => x.Seq == e.Seq);
        var use = LandUseClassifier.Classify(e.Name);
        Assert.Equal((report.File, report.District, report.PlanYear, ParcelIds.Of(report.District, report.PlanYear, e.Seq)),
            (actual.FileName, actual.District, actual.PlanYear, actual.PublicId));
        Assert.Equal((e.Name, e.Location, e.Note, e.AreaMu, e.AreaText, e.AreaQualifier?.ToString().ToLowerInvariant(), e.Approx),
            (actual.Name, actual.Location, actual.Note, actual.AreaMu, actual.AreaText, actual.AreaQualifier, actual.Approx));
        Assert.Equal((e.Source.Line, e.Source.Text), (actual.SourceLine, actual.SourceText));
        Assert.Equal((use.Code, use.Name, use.Reason), (actual.LandUse, actual.LandUseName, actual.LandUseReason));
        AssertSameJson(JsonSerializer.Serialize(e.Parts, StoredJson), actual.PartsJson, $"parts of {e.Seq}");
        AssertSameJson(JsonSerializer.Serialize(e.Bounds, StoredJson), actual.BoundsJson, $"bounds of {e.Seq}");
        Assert.Equal((g?.Status.ToString().ToLowerInvariant() ?? "unresolved", g?.Confidence ?? 0, g?.Method ?? "none", g?.AreaMuComputed),
            (actual.Status, actual.Confidence, actual.Method, actual.AreaMuComputed));
        AssertSameJson(JsonSerializer.Serialize(g?.Constraints ?? [], StoredJson), actual.ConstraintsJson, $"constraints of {e.Seq}");
        AssertSameJson(JsonSerializer.Serialize(g?.Warnings ?? ["未定位"], StoredJson), actual.WarningsJson, $"warnings of {e.Seq}");
        Assert.Equal((1, "geocoder", "candidate"), (actual.Version, actual.MadeBy, actual.ReviewStatus));
        if (g?.Geometry is null) Assert.Null(actual.Geometry);
        else
        {
            Assert.NotNull(actual.Geometry);
            Assert.True(g.Geometry.EqualsExact(actual.Geometry), $"entry {e.Seq}: expected {g.Geometry}, got {actual.Geometry}");
            Assert.Equal((g.Geometry.GeometryType, 4326), (actual.Geometry.GeometryType, actual.Geometry.SRID));
        }
    }

    /// <summary>
    /// A column whose entries lie on a 16 × 16 grid in shuffled order takes its row ids along the map (SpatialIdOrder), so
    /// rows near each other on the map are stored near each other: walking the parcels in id order is far shorter than in
    /// column order. The entries without a geometry take the last ids; public ids still follow seq.
    /// </summary>
    protected async Task CheckImportedRowsTakeTheirIdsInMapOrder()
    {
        var store = await OpenAsync();
        var random = new Random(11);
        var cells = Enumerable.Range(0, 256).OrderBy(_ => random.Next()).ToArray();
        var import = EveryFieldColumn("map-order", 5 + cells.Length);
        var grid = import.Geocoded.Select(g => g.Seq > 5
            ? g with { Geometry = Box(113.20 + cells[g.Seq - 6] % 16 * 0.002, 33.60 + cells[g.Seq - 6] / 16 * 0.002) }
            : g).ToList();
        import = import with { Geocoded = grid };

        var outcome = await store.ImportReportAsync(import);

        var stored = await store.QueryParcelsAsync(new ParcelQuery { ReportId = outcome.ReportId, Limit = 500 });
        Assert.Equal(import.Report.LandEntries.Count, stored.Count);
        Assert.Equal(stored.Count - 1, stored.Max(p => p.Id) - stored.Min(p => p.Id));
        Assert.All(stored, p => Assert.Equal(410403_2031_00000L + p.Seq, p.PublicId));
        var byId = stored.OrderBy(p => p.Id).ToList();
        // Seq 3 (unresolved) and 4 (skipped by the geocoder) have no geometry: the last two ids, in column order.
        Assert.Equal([3, 4], byId.TakeLast(2).Select(p => p.Seq));
        var placed = stored.Where(p => p.Seq > 5).ToList();
        var inIdOrder = Walk(placed.OrderBy(p => p.Id));
        var inColumnOrder = Walk(placed.OrderBy(p => p.Seq));
        Assert.True(inIdOrder < inColumnOrder / 4, $"walk in id order {inIdOrder:0.000}°, in column order {inColumnOrder:0.000}°");
        // Lists break ties in column order, not by row id: the grid's entries share one confidence.
        var byConfidence = await store.QueryParcelsAsync(new ParcelQuery { ReportId = outcome.ReportId, Sort = ParcelSort.ConfidenceAscending, Limit = 500 });
        var tied = byConfidence.Where(p => p.Seq > 5).Select(p => p.Seq).ToList();
        Assert.Equal(tied.Order(), tied);

        static double Walk(IEnumerable<ParcelRecord> parcels) =>
            parcels.Select(p => p.Geometry!.Centroid).Zip(parcels.Skip(1).Select(p => p.Geometry!.Centroid), (a, b) => a.Distance(b)).Sum();
    }

    /// <summary>
    /// A column that names one project twice, at two places, both reviewed: a new edition keeps each reviewed geometry on
    /// the entry of that name in the same position (the first on the first, the second on the second).
    /// </summary>
    protected async Task CheckReviewedGeometriesOfSameNamedEntriesAreKeptEach()
    {
        var store = await OpenAsync();
        var column = Column("卫东区", 2032, 8, "同");
        var twice = new[] { 2, 6 };
        ReportImport Edition() => column with
        {
            Report = column.Report with { LandEntries = column.Report.LandEntries.Select(e => twice.Contains(e.Seq) ? e with { Name = "同名安置房项目" } : e).ToList() },
            Geocoded = column.Geocoded.Select(g => twice.Contains(g.Seq) ? g with { Name = "同名安置房项目" } : g).ToList(),
            ContentSha256 = Guid.NewGuid().ToString("N"),
        };
        var first = await store.ImportReportAsync(Edition());
        var reviewed = new Dictionary<int, Polygon> { [2] = Box(113.41, 33.81), [6] = Box(113.45, 33.85) };
        foreach (var parcel in (await store.QueryParcelsAsync(new ParcelQuery { ReportId = first.ReportId })).Where(p => twice.Contains(p.Seq)))
            Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, 1, reviewed[parcel.Seq], "li.wei", "surveyed"))).Outcome);

        var second = await store.ImportReportAsync(Edition());

        Assert.Equal((ImportStatus.Superseded, 2), (second.Status, second.KeptReviewedGeometries));
        var kept = (await store.QueryParcelsAsync(new ParcelQuery { ReportId = second.ReportId })).Where(p => twice.Contains(p.Seq)).ToList();
        Assert.Equal(2, kept.Count);
        Assert.All(kept, p => Assert.True(p.Geometry!.EqualsExact(reviewed[p.Seq]), $"seq {p.Seq}: expected {reviewed[p.Seq]}, got {p.Geometry}"));
        Assert.All(kept, p => Assert.Equal(("li.wei", 2), (p.MadeBy, p.Version)));
    }

    protected async Task CheckBulkImportStoresEveryFieldAsImported()
    {
        var store = await OpenAsync();
        var changes = await store.GetChangeSeqAsync();
        var import = EveryFieldColumn("");

        var outcome = await store.ImportReportAsync(import);

        Assert.Equal((ImportStatus.Imported, import.Report.LandEntries.Count), (outcome.Status, outcome.Entries));
        var stored = await store.QueryParcelsAsync(new ParcelQuery { ReportId = outcome.ReportId, Limit = 500 });
        Assert.Equal(import.Report.LandEntries.Select(e => e.Seq), stored.Select(p => p.Seq));
        Assert.Equal(stored.Count, stored.Select(p => p.Id).Distinct().Count());
        foreach (var parcel in stored) AssertStoredAsImported(import, parcel);
        Assert.Equal(("logistics", "green-space"), (stored[0].LandUse, stored[1].LandUse));

        var detail = (await store.GetParcelAsync(stored[0].Id))!;
        var version = Assert.Single(detail.History);
        Assert.Equal((1, true, "geocoder", $"import of {import.Report.File}"), (version.VersionNo, version.IsCurrent, version.MadeByKind, version.Reason));
        AssertStoredAsImported(import, detail.Parcel);

        // The spatial index holds the new rows: a box around the MultiPolygon's second part finds it and nothing of the filler grid.
        var found = await store.QueryParcelsAsync(new ParcelQuery { BoundingBox = new Envelope(113.3102, 113.3108, 33.7002, 33.7008) });
        Assert.Equal([1], found.Select(p => p.Seq));
        Assert.Equal(import.Report.LandEntries.Count - 2, await store.CountParcelsAsync(new ParcelQuery { ReportId = outcome.ReportId, IncludeUnresolved = false }));
        Assert.Equal(import.Report.LandEntries.Count - 5, await store.CountParcelsAsync(new ParcelQuery { BoundingBox = new Envelope(113.1, 113.35, 33.5, 33.65) }));

        Assert.True(await store.GetChangeSeqAsync() > changes);
        Assert.Contains(await store.ListAuditAsync(), a => a.Action == "import" && a.EntityId == outcome.ReportId);
    }

    protected async Task CheckWritesAfterBulkImportContinueTheIds()
    {
        var store = await OpenAsync();
        var first = EveryFieldColumn("");
        await store.ImportReportAsync(first);
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [410403_2031_00010L] })).Single();

        // A row-by-row write after the bulk one takes the next id of parcel_geometries, and the insert trigger indexes it again.
        var moved = Box(113.40, 33.80);
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, 1, moved, "li.wei", "surveyed"))).Outcome);
        var history = (await store.GetParcelAsync(parcel.Id))!.History;
        Assert.Equal([1, 2], history.Select(v => v.VersionNo));
        Assert.True(history[1].Id > history[0].Id);
        Assert.Equal([10], (await store.QueryParcelsAsync(new ParcelQuery { BoundingBox = new Envelope(113.4002, 113.4008, 33.8002, 33.8008) })).Select(p => p.Seq));

        // A new edition (same names, another hash), also bulk, takes over the ids and keeps the reviewed geometry.
        var second = EveryFieldColumn("");
        var superseded = await store.ImportReportAsync(second);
        Assert.Equal((ImportStatus.Superseded, 1), (superseded.Status, superseded.KeptReviewedGeometries));
        var current = await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2031, Limit = 500 });
        Assert.Equal(second.Report.LandEntries.Count, current.Count);
        Assert.All(current, p => Assert.Equal(superseded.ReportId, p.ReportId));
        var kept = current.Single(p => p.PublicId == 410403_2031_00010L);
        Assert.Equal(("li.wei", 2), (kept.MadeBy, kept.Version));
        Assert.True(kept.Geometry!.EqualsExact(moved), $"expected {moved}, got {kept.Geometry}");
        foreach (var p in current.Where(p => p.Id != kept.Id)) AssertStoredAsImported(second, p);
        Assert.Contains(await store.ListAuditAsync(), a => a.Action == "supersede" && a.EntityId == superseded.ReportId);

        // A third column, of another district, after the supersede; then one more edit on it.
        var third = Column("湛河区", 2031, 300, "三");
        var other = await store.ImportReportAsync(third);
        Assert.Equal(ImportStatus.Imported, other.Status);
        var counts = await store.CountRowsAsync();
        var total = first.Report.LandEntries.Count + second.Report.LandEntries.Count + 300;
        Assert.Equal((total, total, total + 2L), (counts["land_entries"], counts["parcels"], counts["parcel_geometries"]));
        Assert.Equal(300, await store.CountParcelsAsync(new ParcelQuery { District = "湛河区", BoundingBox = new Envelope(113.1, 113.6, 33.5, 34.0) }));
        var last = (await store.QueryParcelsAsync(new ParcelQuery { ReportId = other.ReportId, Limit = 500 }))[^1];
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(last.Id, 1, Box(113.5, 33.9), "li.wei"))).Outcome);
        Assert.Equal(total + 3L, (await store.CountRowsAsync())["parcel_geometries"]);
    }
}
