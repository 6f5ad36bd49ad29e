using System.Text;
using BenchmarkDotNet.Attributes;
using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;

namespace LandMap.Benchmarks;

/// <summary>Extraction speed: the five shipped reports (warm), and a large synthetic report for MB/s.</summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private ReportText[] _seeds = [];
    private ReportText _large = null!;

    /// <summary>UTF-8 size of the synthetic report, for the MB/s figure.</summary>
    public long LargeReportBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _seeds = Directory.GetFiles(Paths.Reports, "*.txt").Order()
            .Select(p => ReportFileReader.Read(p).Text ?? throw new InvalidOperationException($"cannot read {p}"))
            .ToArray();
        _large = SyntheticReport.Build(_seeds, targetBytes: 8 * 1024 * 1024);
        LargeReportBytes = Encoding.UTF8.GetByteCount(string.Join("\n", _large.Lines));
    }

    [Benchmark(Description = "five seed reports")]
    public int FiveSeedReports()
    {
        var entries = 0;
        foreach (var seed in _seeds) entries += ReportExtractor.Extract(seed).LandEntries.Count;
        return entries;
    }

    [Benchmark(Description = "8 MiB synthetic report")]
    public int LargeSyntheticReport() => ReportExtractor.Extract(_large).LandEntries.Count;
}
