using LandMap.Core.Geocoding;
using LandMap.Core.Reports;
using LandMap.Data.Review;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

/// <summary>Public ids, paging, stored filter fields and the change counter (schema 5), on every backend.</summary>
public abstract partial class StoreContractTests
{
    /// <summary>Takes a store back to schema 4 (what LandMap before public ids left), for upgrade tests.</summary>
    // Back to schema 4: also drops what schema 6 added.
    protected const string Schema5Rollback =
        "ALTER TABLE users DROP COLUMN session_generation; DROP INDEX parcels_public_id_current; DROP INDEX parcels_public_id; DROP INDEX land_entries_land_use; DROP TABLE store_changes; " +
        "ALTER TABLE parcels DROP COLUMN public_id; ALTER TABLE parcels DROP COLUMN is_current; ALTER TABLE parcels DROP COLUMN project_stage; " +
        "ALTER TABLE land_entries DROP COLUMN land_use; ALTER TABLE land_entries DROP COLUMN land_use_name; ALTER TABLE land_entries DROP COLUMN land_use_reason; " +
        "DELETE FROM schema_version WHERE version >= 5";

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>A column of <paramref name="count"/> square parcels of 1–500 亩 names, placed on a grid west of 卫东区.</summary>
    protected static ReportImport Column(string district, int planYear, int count, string tag = "", int firstSeq = 1)
    {
        var entries = new List<LandEntry>();
        var geocoded = new List<GeocodedEntry>();
        for (var i = 0; i < count; i++)
        {
            var seq = firstSeq + i;
            var (x, y) = (113.20 + i % 100 * 0.002, 33.60 + i / 100 * 0.002);
            var square = Wgs84.CreatePolygon([new(x, y), new(x + 0.001, y), new(x + 0.001, y + 0.001), new(x, y + 0.001), new(x, y)]);
            var name = i % 3 == 0 ? $"{tag}合成{seq}号物流仓储项目" : $"{tag}合成{seq}号学校";
            var area = 1 + i % 500;
            entries.Add(new LandEntry { Seq = seq, Name = name, Location = "平安大道东段北侧", AreaMu = area, AreaText = $"面积{area}亩", Source = new SourceRef(seq, name) });
            geocoded.Add(new GeocodedEntry
            {
                File = $"{district}-{planYear}{tag}.txt", District = district, PlanYear = planYear, Seq = seq, Name = name, Status = GeocodeStatus.Located,
                Confidence = 0.5 + i % 5 * 0.1, Method = "synthetic", Geometry = square, AreaMu = area,
            });
        }
        var report = new ExtractedReport { File = $"{district}-{planYear}{tag}.txt", District = district, PlanYear = planYear, Encoding = "utf-8", LandEntries = entries };
        return new ReportImport(report, geocoded, Guid.NewGuid().ToString("N"));
    }

    protected async Task CheckLongColumnsOfTwoDistrictsGetDistinctPublicIds()
    {
        var store = await OpenAsync();
        await store.ImportReportAsync(Column("卫东区", 2026, 1200));
        await store.ImportReportAsync(Column("湛河区", 2026, 5));

        var all = new List<ParcelRecord>();
        for (var offset = 0; ; offset += 500)
        {
            var page = await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2026, Limit = 500, Offset = offset });
            all.AddRange(page);
            if (page.Count < 500) break;
        }
        Assert.Equal(1205, all.Count);
        Assert.Equal(1205, all.Select(p => p.PublicId).Distinct().Count());
        Assert.Equal(1205, await store.CountParcelsAsync(new ParcelQuery { PlanYear = 2026, Limit = 1 }));
        Assert.Contains(all, p => p.PublicId == 410403_2026_01200L);
        Assert.Contains(all, p => p.PublicId == 410411_2026_00005L);
        Assert.All(all, p => Assert.Equal(ParcelIds.Of(p.District, p.PlanYear, p.Seq), p.PublicId));
        var one = Assert.Single(await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [410403_2026_01000L] }));
        Assert.Equal((1000, "卫东区"), (one.Seq, one.District));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryParcelsAsync(new ParcelQuery { Limit = ParcelQuery.MaxLimit + 1 }));
    }

    protected async Task CheckNewEditionKeepsPublicIdsAndOnlyCurrentParcelsAnswer()
    {
        var store = await OpenAsync();
        await store.ImportReportAsync(Column("卫东区", 2027, 30, "旧"));
        var before = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [410403_2027_00007L] })).Single();

        var outcome = await store.ImportReportAsync(Column("卫东区", 2027, 32, "新"));

        Assert.Equal(ImportStatus.Superseded, outcome.Status);
        var after = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [410403_2027_00007L] })).Single();
        Assert.NotEqual(before.Id, after.Id);
        Assert.StartsWith("新", after.Name);
        Assert.Equal(32, await store.CountParcelsAsync(new ParcelQuery { PlanYear = 2027 }));
    }

    protected async Task CheckSecondCurrentColumnWithTheSameIdsIsRefusedWhole()
    {
        var store = await OpenAsync();
        await store.ImportReportAsync(Column("卫东区", 2028, 10));
        var counts = await store.CountRowsAsync();
        // Another kind of report of the same district and plan year stays current beside the first: its ids would collide.
        var other = Column("卫东区", 2028, 3, "另") with { Kind = "special-plan" };

        var refused = await Assert.ThrowsAsync<StoreException>(() => store.ImportReportAsync(other));

        Assert.Equal(StoreErrorKind.Integrity, refused.Kind);
        Assert.Contains("410403202800001", refused.Message);
        Assert.Contains("Nothing was stored", refused.Message);
        Assert.Equal(counts, await store.CountRowsAsync());
    }

    protected async Task CheckStoredFieldsFilterInTheStore()
    {
        var store = await OpenAsync();
        var import = await store.ImportReportAsync(Column("卫东区", 2029, 60));

        var logistics = await store.QueryParcelsAsync(new ParcelQuery { LandUses = ["logistics"] });
        Assert.Equal(20, logistics.Count);
        Assert.All(logistics, p => Assert.Equal(("logistics", "物流仓储"), (p.LandUse, p.LandUseName)));
        Assert.All(logistics, p => Assert.Contains("仓储", p.LandUseReason));
        var sized = await store.QueryParcelsAsync(new ParcelQuery { MinAreaMu = 10, MaxAreaMu = 20 });
        Assert.Equal(11, sized.Count);
        Assert.All(sized, p => Assert.InRange(p.AreaMu!.Value, 10, 20));
        Assert.Equal(60, await store.CountParcelsAsync(new ParcelQuery { ReportId = import.ReportId }));
        Assert.Equal("面积5亩", (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [410403_2029_00005L] })).Single().AreaText);

        var rejected = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [410403_2029_00002L] })).Single();
        Assert.True(await IReviewStore.Of(store).SetReviewStatusAsync(new StatusChange(rejected.Id, ReviewStatus.Rejected, "li.wei", null, "重复")));
        Assert.Equal(59, await store.CountParcelsAsync(new ParcelQuery { ExcludeRejected = true }));
        var shown = await store.QueryParcelsAsync(new ParcelQuery { ReviewStatuses = [ReviewStatus.Rejected] });
        Assert.Equal(("rejected", "重复"), (shown.Single().ReviewStatus, shown.Single().ReviewReason));
    }

    protected async Task CheckEveryWriteMovesTheChangeCounter()
    {
        var store = await OpenAsync();
        var start = await store.GetChangeSeqAsync();
        await store.ImportReportAsync(Column("卫东区", 2030, 3));
        var imported = await store.GetChangeSeqAsync();
        Assert.True(imported > start);
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery())).First();
        Assert.Equal(imported, await store.GetChangeSeqAsync());

        var square = Wgs84.CreatePolygon([new(113.3, 33.7), new(113.301, 33.7), new(113.301, 33.701), new(113.3, 33.701), new(113.3, 33.7)]);
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, parcel.Version, square, "li.wei"))).Outcome);
        var saved = await store.GetChangeSeqAsync();
        Assert.True(saved > imported);

        // A second process on the same store reads the same counter.
        var other = await OpenAsync();
        Assert.Equal(saved, await other.GetChangeSeqAsync());
        await store.SetProjectStagesAsync("卫东区", new Dictionary<long, string> { [parcel.PublicId] = "started" });
        Assert.True(await other.GetChangeSeqAsync() > saved);
        Assert.Equal("started", (await other.QueryParcelsAsync(new ParcelQuery { PublicIds = [parcel.PublicId] })).Single().ProjectStage);
        await store.SetProjectStagesAsync("卫东区", new Dictionary<long, string>());
        Assert.Null((await other.QueryParcelsAsync(new ParcelQuery { PublicIds = [parcel.PublicId] })).Single().ProjectStage);
    }

    protected async Task CheckSchema4StoreUpgradesWithPublicIdsAndLandUse()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store);
        var imported = (await store.QueryParcelsAsync(new ParcelQuery())).OrderBy(p => p.Id).ToList();
        await store.DisposeAsync();
        await ExecuteRawAsync(Db, Schema5Rollback);

        var upgraded = await OpenAsync();

        Assert.Equal(11, upgraded.SchemaVersion);
        var filled = (await upgraded.QueryParcelsAsync(new ParcelQuery())).OrderBy(p => p.Id).ToList();
        Assert.Equal(imported.Select(p => (p.Id, p.PublicId, p.LandUse, p.LandUseName, p.LandUseReason)),
            filled.Select(p => (p.Id, p.PublicId, p.LandUse, p.LandUseName, p.LandUseReason)));
        Assert.Contains(filled, p => p.PublicId == 410403_2023_00017L);
        Assert.True(await upgraded.GetChangeSeqAsync() >= 1);
    }

    /// <summary>A column of squares from about 0.3 to 500 亩 (no two alike), spread over a grid, for "the largest first" queries.</summary>
    protected static ReportImport SizedColumn(int count)
    {
        var entries = new List<LandEntry>();
        var geocoded = new List<GeocodedEntry>();
        for (var i = 0; i < count; i++)
        {
            var seq = i + 1;
            // Sizes in a scrambled order, so the largest are not the first entries nor one corner of the grid.
            var mu = 0.3 + (i * 7919 % count) * 500.0 / count;
            var side = Math.Sqrt(mu * 10_000 / 15) / 92_000;
            var (x, y) = (113.20 + i % 40 * 0.004, 33.60 + i / 40 * 0.004);
            // Every 50th entry states no area and is placed as a point: it ranks below every outline.
            Geometry square = i % 50 == 49 ? Wgs84.CreatePoint(new Coordinate(x, y))
                : Wgs84.CreatePolygon([new(x, y), new(x + side, y), new(x + side, y + side), new(x, y + side), new(x, y)]);
            var name = $"规模{seq}号项目";
            entries.Add(new LandEntry { Seq = seq, Name = name, Location = "平安大道东段北侧", AreaMu = Math.Round(mu, 1), AreaText = $"面积{mu:0.#}亩", Source = new SourceRef(seq, name) });
            geocoded.Add(new GeocodedEntry
            {
                File = "sized.txt", District = "卫东区", PlanYear = 2031, Seq = seq, Name = name, Status = GeocodeStatus.Located,
                Confidence = 0.6, Method = "synthetic", Geometry = square, AreaMu = Math.Round(mu, 1), AreaMuComputed = square is Polygon ? Math.Round(mu, 2) : null,
            });
        }
        var report = new ExtractedReport { File = "sized.txt", District = "卫东区", PlanYear = 2031, Encoding = "utf-8", LandEntries = entries };
        return new ReportImport(report, geocoded, Guid.NewGuid().ToString("N"));
    }

    // What a low-zoom tile asks: the Limit largest outlines of a box, points and lines ranked last. SQLite answers it through
    // its area R*Tree (schema 7); the answer must be exactly the brute-force one on every backend, fingerprint included.
    protected async Task CheckTheLargestOfABoxAreExactlyTheLargest()
    {
        var store = await OpenAsync();
        await store.ImportReportAsync(SizedColumn(800));
        var all = await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2031, Sort = ParcelSort.None, Limit = ParcelQuery.MaxLimit });
        Assert.Equal(800, all.Count);

        await CheckLargestAsync(store, all, rejected: new HashSet<long>());

        // A tile leaves rejected parcels out: with 60 of the largest rejected, the best outlines of a box ranked alone (as
        // PostGIS does first) hold too few drawn ones, and the answer must still be the brute-force one.
        var rejected = all.OrderByDescending(p => p.AreaMuComputed ?? 0).ThenBy(p => p.Id).Take(60).Select(p => p.Id).ToHashSet();
        foreach (var id in rejected)
            Assert.True(await IReviewStore.Of(store).SetReviewStatusAsync(new StatusChange(id, ReviewStatus.Rejected, "li.wei", null, "重复")));
        await CheckLargestAsync(store, all, rejected);
    }

    private static async Task CheckLargestAsync(IParcelStore store, IReadOnlyList<ParcelRecord> all, IReadOnlySet<long> rejected)
    {
        foreach (var (box, limit, floor) in new (Envelope, int, double?)[]
                 {
                     (new Envelope(113.1, 113.5, 33.5, 33.7), 40, null), (new Envelope(113.1, 113.5, 33.5, 33.7), 300, 2.0),
                     (new Envelope(113.1, 113.28, 33.5, 33.64), 25, null), (new Envelope(113.1, 113.5, 33.5, 33.7), 799, null),
                     (new Envelope(113.1, 113.5, 33.5, 33.7), 790, null), (new Envelope(113.1, 113.5, 33.5, 33.7), 30, null),
                 })
        {
            var query = new ParcelQuery
            {
                BoundingBox = box, Sort = ParcelSort.OutlineAreaDescending, Limit = limit, MinAreaMuComputed = floor, MapFieldsOnly = true,
                LargestThroughAreaIndex = true, ExcludeRejected = rejected.Count > 0,
            };
            var expected = all.Where(p => p.Geometry!.EnvelopeInternal.Intersects(box) && (floor is null || p.AreaMuComputed >= floor) && !rejected.Contains(p.Id))
                .OrderByDescending(p => p.AreaMuComputed ?? 0).ThenBy(p => p.Id).Take(limit).Select(p => p.Id).ToList();

            var largest = await store.QueryParcelsAsync(query);

            Assert.Equal(expected, largest.Select(p => p.Id).ToList());
            Assert.Equal(ParcelFingerprint.Of(largest), await store.FingerprintParcelsAsync(query));
        }
    }
}

