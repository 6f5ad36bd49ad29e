using LandMap.Core.Geocoding;
using LandMap.Data.Import;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

public abstract partial class StoreContractTests
{
    private static Geometry Square(double lon, double lat, double size = 0.002)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        return factory.CreatePolygon([new(lon, lat), new(lon + size, lat), new(lon + size, lat + size), new(lon, lat + size), new(lon, lat)]);
    }

    protected async Task CheckGeometryVersionsAndStaleEditConflict()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store, TestEnvironment.SeedReports[0]);
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023, District = "卫东区" }))[0];
        Assert.Equal(1, parcel.Version);

        var edited = Square(113.35, 33.77);
        var saved = await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, 1, edited, "reviewer-a", "surveyed boundary"));
        Assert.Equal(new SaveGeometryResult(SaveOutcome.Saved, 2), saved);

        var stale = await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, 1, Square(113.30, 33.70), "reviewer-b", "late edit"));
        Assert.Equal(new SaveGeometryResult(SaveOutcome.Conflict, 2), stale);
        Assert.Equal(SaveOutcome.NotFound, (await store.SaveGeometryAsync(new GeometryEdit(-1, 1, edited, "x"))).Outcome);

        var detail = (await store.GetParcelAsync(parcel.Id))!;
        Assert.Equal(2, detail.History.Count);
        Assert.Equal([false, true], detail.History.Select(v => v.IsCurrent));
        Assert.Equal(["geocoder", "reviewer-a"], detail.History.Select(v => v.MadeBy));
        Assert.Equal(2, detail.Parcel.Version);
        Assert.True(detail.Parcel.Geometry!.EqualsExact(edited), $"expected {edited}, got {detail.Parcel.Geometry}");
        Assert.Contains(await store.ListAuditAsync(), a => a.Action == "edit-geometry" && a.EntityId == parcel.Id && a.Actor == "reviewer-a");
    }

    protected async Task CheckChangedReportSupersedesAndKeepsReviewedGeometry()
    {
        var store = await OpenAsync();
        var seed = TestEnvironment.SeedReports[0];
        await ImportSeedsAsync(store, seed);
        var before = await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023, District = "卫东区" });
        var reviewed = before[3];
        var geometry = Square(113.36, 33.78);
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(reviewed.Id, 1, geometry, "reviewer-a", "moved"))).Outcome);

        // The bureau's corrected edition: same district and plan year, one more line, so a new hash.
        var folder = TestEnvironment.TempFolder();
        var corrected = Path.Combine(folder, "corrected.txt");
        File.WriteAllText(corrected, File.ReadAllText(seed) + "\n（修订版）\n");
        var result = (await ImportSeedsAsync(store, corrected)).Single();
        Assert.Equal(ImportStatus.Superseded, result.Outcome!.Status);
        Assert.Equal(1, result.Outcome.KeptReviewedGeometries);

        var after = await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023, District = "卫东区" });
        Assert.Equal(25, after.Count);
        Assert.All(after, p => Assert.Equal(result.Outcome.ReportId, p.ReportId));
        var kept = after.Single(p => p.Name == reviewed.Name);
        Assert.Equal("reviewer-a", kept.MadeBy);
        Assert.True(kept.Geometry!.EqualsExact(geometry));
        Assert.All(after.Where(p => p.Name != reviewed.Name), p => Assert.Equal("geocoder", p.MadeBy));
        var reports = await store.ListReportsAsync();
        Assert.Equal(result.Outcome.ReportId, reports.Single(r => r.FileName == Path.GetFileName(seed)).SupersededBy);
    }

    protected async Task CheckAuditLogRefusesUpdateAndDelete()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store, TestEnvironment.SeedReports[0]);
        var rows = (await store.CountRowsAsync())["audit_log"];
        Assert.True(rows >= 2);
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync(Db, "UPDATE audit_log SET actor = 'mallory'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync(Db, "DELETE FROM audit_log"));
        Assert.Equal(rows, (await store.CountRowsAsync())["audit_log"]);
        Assert.DoesNotContain(await store.ListAuditAsync(), a => a.Actor == "mallory");
    }

    protected async Task CheckFailingReportRollsBackAlone()
    {
        var store = await OpenAsync();
        var folder = TestEnvironment.TempFolder();
        var garbage = Path.Combine(folder, "garbage.docx");
        File.WriteAllBytes(garbage, [0x50, 0x4B, 0x03, 0x04, 0xFF, 0x00]);
        var seeds = TestEnvironment.SeedReports;
        var importer = new ReportImporter(store, TestEnvironment.Gazetteer)
        {
            Geocode = (report, borrow) => report.File == Path.GetFileName(seeds[1])
                ? throw new InvalidOperationException("solver diverged")
                : new ParcelGeocoder(TestEnvironment.Gazetteer).GeocodeReport(report, borrow),
        };
        var results = await importer.ImportFilesAsync([seeds[0], garbage, seeds[1], seeds[2]]);
        Assert.Contains(results, r => r.Path == garbage && r.Error!.Contains("garbage.docx", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Path == seeds[1] && r.Error!.Contains(seeds[1], StringComparison.Ordinal) && r.Error.Contains("solver diverged", StringComparison.Ordinal));
        var counts = await store.CountRowsAsync();
        Assert.Equal(2, counts["reports"]);
        Assert.Equal(25, counts["land_entries"]);

        // A failure inside the transaction, after the report row and most entries were written, leaves nothing behind.
        var report = TestEnvironment.Extract(seeds[1]);
        var geocoded = new ParcelGeocoder(TestEnvironment.Gazetteer).GeocodeReport(report).ToList();
        geocoded[^1] = geocoded[^1] with { Confidence = 1.5 };
        var failure = await Assert.ThrowsAsync<StoreException>(() => store.ImportReportAsync(new ReportImport(report, geocoded, "not-a-real-hash")));
        Assert.Equal(StoreErrorKind.Integrity, failure.Kind);
        Assert.Equal(counts, await store.CountRowsAsync());
    }

    protected async Task CheckProjectsIndicatorsAndBackup(bool fileBackup)
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store);
        var events = await store.ListProjectEventsAsync();
        Assert.Contains(events, e => e.Name == "电子功率器件封测项目" && e.Stage == "topped-out");
        var indicators = await store.ListIndicatorsAsync();
        Assert.Contains(indicators, i => i.Name == "全区生产总值增速" && i.Year == 2022 && i.Kind == "plan" && i.Value == 7.8);

        Assert.Equal(fileBackup, store.SupportsFileBackup);
        var target = Path.Combine(TestEnvironment.TempFolder(), "backup.db");
        var backup = await store.BackupAsync(target);
        Assert.Equal(fileBackup, backup.Succeeded);
        if (!fileBackup)
        {
            Assert.Contains("pg_dump", backup.Message, StringComparison.Ordinal);
            return;
        }
        await using var copy = await ParcelStoreFactory.OpenAsync(target);
        Assert.Equal(await store.CountRowsAsync(), await copy.CountRowsAsync());
    }
}
