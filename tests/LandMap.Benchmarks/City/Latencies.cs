namespace LandMap.Benchmarks.City;

/// <summary>Latencies in milliseconds, printed as count, median and p95 (p99 where asked).</summary>
internal sealed class Latencies
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(double ms) => _ms.Add(ms);

    public void AddRange(IEnumerable<double> ms) => _ms.AddRange(ms);

    public double Percentile(double p)
    {
        if (_ms.Count == 0) return double.NaN;
        var sorted = _ms.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    public double Median => Percentile(0.5);

    public double Max => _ms.Count == 0 ? double.NaN : _ms.Max();

    public override string ToString() => $"n={Count}, median {Median:0.00} ms, p95 {Percentile(0.95):0.00} ms";
}
