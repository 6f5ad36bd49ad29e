using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace LandMap.Data.Tests;

/// <summary>Faults a SQLite store must survive: a killed importer and two writers on one file.</summary>
public sealed class SqliteFaultTests
{
    /// <summary>Copies of the 2023 Weidong report, each one line different so each is a new edition (25 entries declared and found).</summary>
    private static string[] SyntheticReports(string folder, int count)
    {
        var text = File.ReadAllText(TestEnvironment.SeedReports[0]);
        return Enumerable.Range(1, count).Select(i =>
        {
            var path = Path.Combine(folder, $"edition-{i:D4}.txt");
            File.WriteAllText(path, text + $"\n（第 {i} 版）\n");
            return path;
        }).ToArray();
    }

    private static long Count(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return Convert.ToInt64(SqliteStoreTests.Scalar(connection, sql));
    }

    [Fact]
    public async Task KilledImportLeavesEveryReportWholeOrAbsent()
    {
        var folder = TestEnvironment.TempFolder();
        var db = Path.Combine(folder, "killed.db");
        var reports = SyntheticReports(folder, 150);
        using var child = TestEnvironment.StartLandmap(["import", .. reports, "--db", db]);
        _ = child.StandardOutput.ReadToEndAsync();
        _ = child.StandardError.ReadToEndAsync();

        // Kill once a few reports are committed, in the middle of the next one's transaction (or near it).
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90) && !child.HasExited)
        {
            if (File.Exists(db) && TryCount(db) >= 4) break;
            await Task.Delay(50);
        }
        Assert.False(child.HasExited, "the import finished before it could be killed: give it more reports");
        child.Kill(entireProcessTree: true); // SIGKILL on Unix: no finally blocks, no rollback by the process
        await child.WaitForExitAsync();

        await using (var store = await ParcelStoreFactory.OpenAsync(db))
        {
            var stored = await store.ListReportsAsync();
            Assert.InRange(stored.Count, 4, reports.Length - 1);
            Assert.All(stored, r => Assert.Equal(25, r.EntryCount));
            Assert.All(stored, r => Assert.Equal(25, r.DeclaredCount));
        }
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            Assert.Equal("ok", SqliteStoreTests.Scalar(connection, "PRAGMA integrity_check"));
            // Every report is whole: its entries, parcels and current geometries all number what the report row declares.
            Assert.Equal(0L, SqliteStoreTests.Scalar(connection,
                """
                SELECT COUNT(*) FROM reports r WHERE r.entry_count <> (SELECT COUNT(*) FROM land_entries e WHERE e.report_id = r.id)
                   OR r.entry_count <> (SELECT COUNT(*) FROM parcels p JOIN parcel_geometries g ON g.parcel_id = p.id AND g.is_current = 1 WHERE p.report_id = r.id)
                """));
            Assert.Equal(0L, SqliteStoreTests.Scalar(connection, "SELECT COUNT(*) FROM land_entries WHERE report_id NOT IN (SELECT id FROM reports)"));
            Assert.Equal(1L, SqliteStoreTests.Scalar(connection, "SELECT COUNT(*) FROM reports WHERE superseded_by IS NULL"));
        }
    }

    private static long TryCount(string db)
    {
        try { return Count(db, "SELECT COUNT(*) FROM reports"); }
        catch (SqliteException) { return 0; }
    }

    [Fact]
    public async Task TwoWriterProcessesOnOneFileBothSucceed()
    {
        var folder = TestEnvironment.TempFolder();
        var db = Path.Combine(folder, "shared.db");
        var reports = SyntheticReports(folder, 12);
        // Distinct plan years keep the two series apart: neither supersedes the other's reports.
        var second = reports[6..].Select(p =>
        {
            var copy = p.Replace(".txt", "-2024.txt", StringComparison.Ordinal);
            File.WriteAllText(copy, File.ReadAllText(p).Replace("2023 年国民经济", "2029 年国民经济", StringComparison.Ordinal));
            return copy;
        }).ToArray();
        using var a = TestEnvironment.StartLandmap(["import", .. reports[..6], "--db", db]);
        using var b = TestEnvironment.StartLandmap(["import", .. second, "--db", db]);
        var outputs = await Task.WhenAll(a.StandardError.ReadToEndAsync(), b.StandardError.ReadToEndAsync(), a.StandardOutput.ReadToEndAsync(), b.StandardOutput.ReadToEndAsync());
        await Task.WhenAll(a.WaitForExitAsync(), b.WaitForExitAsync());
        Assert.True(a.ExitCode == 0, outputs[0] + outputs[2]);
        Assert.True(b.ExitCode == 0, outputs[1] + outputs[3]);
        Assert.Equal(12, Count(db, "SELECT COUNT(*) FROM reports"));
        Assert.Equal(12 * 25, Count(db, "SELECT COUNT(*) FROM land_entries"));
    }

    [Fact]
    public async Task ConcurrentEditsOfOneParcelOneWinsOneConflicts()
    {
        var db = Path.Combine(TestEnvironment.TempFolder(), "edits.db");
        await using var first = await ParcelStoreFactory.OpenAsync(db);
        await new Import.ReportImporter(first, TestEnvironment.Gazetteer).ImportFilesAsync([TestEnvironment.SeedReports[0]]);
        await using var second = await ParcelStoreFactory.OpenAsync("Data Source=" + db);
        var parcel = (await first.QueryParcelsAsync(new ParcelQuery { Limit = 1 }))[0];
        var geometry = parcel.Geometry!.Buffer(0.0005);
        geometry.SRID = 4326;
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? first : second).SaveGeometryAsync(new GeometryEdit(parcel.Id, 1, geometry, $"reviewer-{i}"))));
        Assert.Single(results, r => r.Outcome == SaveOutcome.Saved);
        Assert.All(results.Where(r => r.Outcome != SaveOutcome.Saved), r => Assert.Equal(new SaveGeometryResult(SaveOutcome.Conflict, 2), r));
        Assert.Equal(2, (await first.GetParcelAsync(parcel.Id))!.History.Count);
    }
}
