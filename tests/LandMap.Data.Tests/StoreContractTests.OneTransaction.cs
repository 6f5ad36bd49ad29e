using LandMap.Core.Geocoding;
using LandMap.Data.Import;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

/// <summary>Several reports in one transaction (<see cref="IParcelStore.ImportReportsAsync"/>), on every backend.</summary>
public abstract partial class StoreContractTests
{
    protected async Task CheckOneTransactionStoresWhatOneByOneStores()
    {
        var oneByOne = await OpenAsync();
        var together = await ParcelStoreFactory.OpenAsync(await CreateDatabaseAsync());
        _opened.Add(together);

        var single = await ImportSeedsAsync(oneByOne);
        var handed = new List<string>();
        var batched = await new ReportImporter(together, TestEnvironment.Gazetteer) { OneTransaction = true, Handed = new Collect(handed) }
            .ImportFilesAsync(TestEnvironment.SeedReports);

        // Each file counted for a progress bar as it went to the store, in order.
        Assert.Equal(TestEnvironment.SeedReports, handed);
        Assert.All(batched, r => Assert.Null(r.Error));
        Assert.Equal(single.Select(r => (r.Path, r.Outcome!.Status, r.Outcome.Entries)), batched.Select(r => (r.Path, r.Outcome!.Status, r.Outcome.Entries)));
        Assert.Equal(await oneByOne.CountRowsAsync(), await together.CountRowsAsync());
        Assert.Equal(await Parcels(oneByOne, null), await Parcels(together, null));
        // Found through the spatial index the one transaction filled after its rows, box by box as the other store finds them.
        foreach (var box in new[] { new Envelope(113.25, 113.40, 33.70, 33.80), new Envelope(113.30, 113.36, 33.72, 33.76), new Envelope(113.0, 113.1, 33.0, 33.1) })
            Assert.Equal(await Parcels(oneByOne, box), await Parcels(together, box));
        Assert.NotEmpty(await Parcels(together, new Envelope(113.25, 113.40, 33.70, 33.80)));

        static async Task<List<string>> Parcels(IParcelStore store, Envelope? box) =>
            [.. (await store.QueryParcelsAsync(new ParcelQuery { BoundingBox = box, Limit = 1000 }))
                .Select(p => $"{p.PublicId} {p.Status} {p.Method} {p.AreaMuComputed} {p.Geometry?.ToText()}").Order(StringComparer.Ordinal)];
    }

    private sealed class Collect(List<string> into) : IProgress<string>
    {
        public void Report(string value) => into.Add(value);
    }

    protected async Task CheckOneTransactionThatCannotStoreAReportStoresNone()
    {
        var store = await OpenAsync();
        var seeds = TestEnvironment.SeedReports;
        var bad = Path.GetFileName(seeds[1]);
        // The second report's last entry breaks a rule of the schema (confidence above 1): the store refuses it mid-way.
        var importer = new ReportImporter(store, TestEnvironment.Gazetteer)
        {
            OneTransaction = true,
            Geocode = (report, borrow) =>
            {
                var geocoded = new ParcelGeocoder(TestEnvironment.Gazetteer).GeocodeReport(report, borrow).ToList();
                if (report.File == bad) geocoded[^1] = geocoded[^1] with { Confidence = 1.5 };
                return geocoded;
            },
        };

        var results = await importer.ImportFilesAsync(seeds);

        Assert.Equal(seeds.Order(StringComparer.Ordinal), results.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Null(r.Outcome));
        Assert.Contains("none of the other files", Assert.Single(results, r => r.Path == seeds[1]).Error);
        // The first was stored and rolled back, the later ones never reached the store: each file says so.
        Assert.All(results.Where(r => r.Path != seeds[1]), r => Assert.Contains($"rolled back at {seeds[1]}", r.Error));
        var counts = await store.CountRowsAsync();
        Assert.Equal((0, 0, 0, 0), (counts["reports"], counts["land_entries"], counts["parcels"], counts["parcel_geometries"]));
    }

    protected async Task CheckSeveralReportsImportAllOrNone()
    {
        var store = await OpenAsync();
        await store.ImportReportAsync(Column("卫东区", 2031, 10));
        var counts = await store.CountRowsAsync();
        var seq = await store.GetChangeSeqAsync();
        // The third report's ids collide with the first's (another kind of report, same district and year): all three are refused.
        var refused = await Assert.ThrowsAsync<StoreException>(() => store.ImportReportsAsync(
            [Column("湛河区", 2031, 300), Column("卫东区", 2032, 20), Column("卫东区", 2031, 3, "另") with { Kind = "special-plan" }]));

        Assert.Equal(StoreErrorKind.Integrity, refused.Kind);
        Assert.Equal(counts, await store.CountRowsAsync());
        Assert.Equal(seq, await store.GetChangeSeqAsync());
        Assert.Equal(10, await store.CountParcelsAsync(new ParcelQuery { BoundingBox = new Envelope(113.1, 113.6, 33.5, 34.0) }));

        var outcomes = await store.ImportReportsAsync([Column("湛河区", 2031, 300), Column("卫东区", 2032, 20)]);

        Assert.Equal([ImportStatus.Imported, ImportStatus.Imported], outcomes.Select(o => o.Status));
        Assert.Equal([300, 20], outcomes.Select(o => o.Entries));
        Assert.Equal(seq + 1, await store.GetChangeSeqAsync());
        // The squares lie on a 0.002° grid from (113.20, 33.60), 100 a row; this box holds the first four of the first two
        // rows: 4 of the 10 and of the 20 entries, 8 of the 300.
        var box = new Envelope(113.1995, 113.2065, 33.5995, 33.6025);
        Assert.Equal(4 + 8 + 4, await store.CountParcelsAsync(new ParcelQuery { BoundingBox = box }));
        Assert.Equal(330, await store.CountParcelsAsync(new ParcelQuery { BoundingBox = new Envelope(113.1, 113.6, 33.5, 34.0) }));

        // The spatial index keeps up with single imports after a batch, too.
        await store.ImportReportAsync(Column("湛河区", 2033, 5));
        Assert.Equal(4 + 8 + 4 + 4, await store.CountParcelsAsync(new ParcelQuery { BoundingBox = box }));
    }
}
