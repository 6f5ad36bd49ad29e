using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// <see cref="ParcelGeocoder.GeocodeAll"/> geocodes reports in parallel: it must return exactly what geocoding them one
/// by one returns, in report order, areas borrowed across columns included.
/// </summary>
public sealed class GeocodeAllTests
{
    [Fact]
    public void ParallelColumnsGiveTheEntriesOfColumnsOneByOne()
    {
        var gazetteer = ShippedGazetteer.Index;
        var shipped = Directory.GetFiles(TestPaths.Reports, "*.txt").Order()
            .Select(p => ReportExtractor.Extract(ReportFileReader.Read(p).Text!))
            .Where(r => r.LandEntries.Count > 0)
            .ToList();
        var column = shipped.Single(r => r.PlanYear == 2023);
        // Columns of other years with some areas left out, so some entries borrow them from another column.
        var reports = shipped.Concat(Enumerable.Range(1, 7).Select(i => column with
        {
            File = $"variant-{i}.txt",
            PlanYear = 2023 + i,
            LandEntries = column.LandEntries.Select(e => e with { AreaMu = e.Seq % 5 == i % 5 ? null : e.AreaMu * (0.6 + i / 10.0), Parts = [] }).ToList(),
        })).ToList();

        var parallel = new ParcelGeocoder(gazetteer).GeocodeAll(reports);

        var stated = reports.SelectMany(r => r.LandEntries.Where(e => e.AreaMu is not null).Select(e => (r.PlanYear, e.Name, Area: e.AreaMu!.Value)))
            .GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First());
        var oneByOne = reports.SelectMany(r => new ParcelGeocoder(gazetteer).GeocodeReport(r,
            name => stated.TryGetValue(name, out var s) && s.PlanYear != r.PlanYear ? (s.Area, s.PlanYear) : null)).ToList();

        Assert.Contains(oneByOne, e => e.Warnings.Any(w => w.StartsWith("未写面积：取", StringComparison.Ordinal)));
        Assert.Equal(oneByOne.Count, parallel.Count);
        foreach (var (expected, actual) in oneByOne.Zip(parallel))
        {
            var where = $"{expected.File} #{expected.Seq} {expected.Name}";
            Assert.Equal((expected.File, expected.Seq, expected.Status, expected.Method, expected.Confidence, expected.AreaMuComputed),
                (actual.File, actual.Seq, actual.Status, actual.Method, actual.Confidence, actual.AreaMuComputed));
            Assert.True(expected.Warnings.SequenceEqual(actual.Warnings), where);
            Assert.True(expected.Constraints.SequenceEqual(actual.Constraints), where);
            Assert.True(expected.Geometry is null ? actual.Geometry is null : actual.Geometry is not null && expected.Geometry.EqualsExact(actual.Geometry),
                $"{where}: {expected.Geometry} vs {actual.Geometry}");
        }
    }
}
