using System.Security.Cryptography;
using System.Text;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;
using LandMap.Data;
using NetTopologySuite.Geometries;

namespace LandMap.Benchmarks.City;

/// <summary>
/// A deterministic synthetic prefecture: the reports of the ten Pingdingshan districts for plan years 2021–2030, each
/// a column of <c>parcels / 100</c> land entries with WGS 84 geometries. Parcels are 1–500 亩 (log-normal, median 8 亩,
/// mean 13 亩), rotated rectangles or irregular 5–12-vertex polygons, clustered around 30 centres per district: industrial
/// parks and town quarters (round clusters) and synthetic road lines (parcels strung along both sides). The three urban
/// districts share the city core (113.15–113.5°E, 33.62–33.84°N); the seven counties spread their centres around their
/// seats, so the city covers about 1.5° × 1.2° like the prefecture. Plan years of a district reuse its centres, so
/// parcels of different years overlap as re-planned land does; within a year they rarely do.
/// </summary>
internal sealed class SyntheticCity
{
    public const int FirstPlanYear = 2021;
    public const int PlanYears = 10;
    public const double SquareMetresPerMu = 666.67;

    /// <summary>The core the urban districts share, where the tile and bbox benchmarks look.</summary>
    public static readonly Envelope Core = new(113.15, 113.50, 33.62, 33.84);

    // District seats (approximate) and how far their centres spread (degrees, one sigma).
    private static readonly (string District, double Lon, double Lat, double Spread)[] Seats =
    [
        ("新华区", 113.27, 33.75, 0.07), ("卫东区", 113.37, 33.74, 0.07), ("湛河区", 113.31, 33.69, 0.07),
        ("石龙区", 112.89, 33.90, 0.05), ("宝丰县", 113.05, 33.87, 0.10), ("叶县", 113.36, 33.58, 0.12),
        ("鲁山县", 112.90, 33.74, 0.12), ("郏县", 113.21, 33.97, 0.10), ("舞钢市", 113.52, 33.31, 0.10), ("汝州市", 112.84, 34.17, 0.12),
    ];

    private static readonly string[] Quarters = ["高新片区", "产业集聚区", "新城", "老城", "物流园区", "尼龙新材料园", "化工园", "站前片区", "滨河片区", "北部新区"];
    private static readonly string[] Roads = ["建设路", "平安大道", "湛河路", "新华路", "开源路", "光明路", "体育路", "矿工路", "中兴路", "神马大道"];
    private static readonly string[] Uses = ["产业园", "物流园", "住宅小区", "安置房", "中学", "小学", "医院", "商业综合体", "污水处理厂", "公园", "仓储", "标准化厂房"];
    private static readonly string[] Sides = ["东侧", "西侧", "南侧", "北侧"];

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private readonly List<Centre>[] _centres;

    /// <param name="parcels">Parcels in all: 100 reports (10 districts × 10 plan years) of parcels / 100 entries each.</param>
    public SyntheticCity(int parcels)
    {
        if (parcels < 100 || parcels / 100 > ParcelIds.MaxSeq) throw new ArgumentOutOfRangeException(nameof(parcels), $"--parcels must be 100 to {ParcelIds.MaxSeq * 100L:N0}.");
        Parcels = parcels;
        var random = new Random(20_260_101);
        _centres = Seats.Select((seat, d) => Enumerable.Range(0, 30).Select(k => Centre.Make(random, seat.Lon, seat.Lat, seat.Spread, d, k)).ToList()).ToArray();
    }

    public int Parcels { get; }

    public int EntriesPerReport => Parcels / 100;

    public static IReadOnlyList<string> Districts => Seats.Select(s => s.District).ToList();

    /// <summary>The reports in import order: district by district, plan year by plan year.</summary>
    public IEnumerable<ReportImport> Reports()
    {
        for (var d = 0; d < Seats.Length; d++)
        {
            for (var year = FirstPlanYear; year < FirstPlanYear + PlanYears; year++) yield return Report(d, year);
        }
    }

    /// <summary>The public ids of the city (district code × 10^9 + plan year × 10^5 + seq), for detail requests.</summary>
    public static long PublicId(int districtIndex, int planYear, int seq) => ParcelIds.Of(Seats[districtIndex].District, planYear, seq);

    private ReportImport Report(int d, int year)
    {
        var district = Seats[d].District;
        var random = new Random(d * 10_000 + year);
        var centres = _centres[d];
        var total = centres.Sum(c => c.Weight);
        var file = $"{district}{year}年城市规模合成.txt";
        var entries = new List<LandEntry>(EntriesPerReport);
        var geocoded = new List<GeocodedEntry>(EntriesPerReport);
        for (var seq = 1; seq <= EntriesPerReport; seq++)
        {
            var pick = random.NextDouble() * total;
            var centre = centres[^1];
            foreach (var c in centres)
            {
                if ((pick -= c.Weight) <= 0) { centre = c; break; }
            }
            var mu = Math.Clamp(Math.Exp(Math.Log(8) + Gaussian(random)), 1, 500);
            var (lon, lat, angle) = centre.Place(random);
            var polygon = Shape(random, lon, lat, angle, mu * SquareMetresPerMu);
            var use = Uses[random.Next(Uses.Length)];
            var name = $"{centre.Name}{use}项目{seq}号地块";
            var location = $"{centre.Road}{Sides[random.Next(Sides.Length)]}";
            var area = Math.Round(mu, 1);
            var text = $"{seq}. {name}，位于{location}，面积约{area}亩。";
            entries.Add(new LandEntry { Seq = seq, Name = name, Location = location, AreaMu = area, Approx = true, AreaText = $"面积约{area}亩", Source = new SourceRef(seq, text) });
            geocoded.Add(new GeocodedEntry
            {
                File = file, District = district, PlanYear = year, Seq = seq, Name = name, Location = location, AreaMu = area,
                AreaMuComputed = mu, Status = GeocodeStatus.Located, Confidence = Math.Round(0.55 + 0.4 * random.NextDouble(), 3),
                Method = "synthetic", Geometry = polygon,
            });
        }
        var report = new ExtractedReport { File = file, District = district, PlanYear = year, Encoding = "utf-8", LandEntries = entries };
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"landmap-city:{Parcels}:{district}:{year}")));
        return new ReportImport(report, geocoded, hash);
    }

    /// <summary>A rotated rectangle (60 %) or an irregular star-shaped polygon of 5–12 vertices of <paramref name="m2"/> square metres.</summary>
    private static Polygon Shape(Random random, double lon, double lat, double angle, double m2)
    {
        List<(double X, double Y)> ring;
        if (random.NextDouble() < 0.6)
        {
            var aspect = 1 + 2 * random.NextDouble();
            var (w, h) = (Math.Sqrt(m2 * aspect) / 2, Math.Sqrt(m2 / aspect) / 2);
            ring = [(-w, -h), (w, -h), (w, h), (-w, h)];
        }
        else
        {
            var n = random.Next(5, 13);
            // Jittered even angles keep every gap under π, so the ring around the origin is simple (star-shaped).
            var angles = Enumerable.Range(0, n).Select(i => (i + 0.8 * random.NextDouble()) * 2 * Math.PI / n).ToArray();
            ring = angles.Select(a => (0.75 + 0.5 * random.NextDouble()) is var r ? (r * Math.Cos(a), r * Math.Sin(a)) : default).ToList();
            var unit = Math.Abs(Enumerable.Range(0, n).Sum(i => ring[i].X * ring[(i + 1) % n].Y - ring[(i + 1) % n].X * ring[i].Y) / 2);
            // Scale it to the area.
            var scale = Math.Sqrt(m2 / Math.Max(unit, 1e-9));
            ring = ring.Select(p => (p.X * scale, p.Y * scale)).ToList();
        }
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        var metresPerLon = 111_320 * Math.Cos(lat * Math.PI / 180);
        var coordinates = ring.Select(p => new Coordinate(lon + (p.X * cos - p.Y * sin) / metresPerLon, lat + (p.X * sin + p.Y * cos) / 110_574)).ToList();
        coordinates.Add(coordinates[0].Copy());
        return Wgs84.CreatePolygon([.. coordinates]);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A cluster: a round quarter (park, town) or a road line parcels line up along.</summary>
    private sealed record Centre(string Name, string Road, double Lon, double Lat, double Weight, double Angle, double LengthM, double SpreadM, bool IsRoad)
    {
        public static Centre Make(Random random, double seatLon, double seatLat, double spread, int d, int k)
        {
            var lon = seatLon + spread * Gaussian(random);
            var lat = seatLat + spread * 0.8 * Gaussian(random);
            var isRoad = random.NextDouble() < 0.4;
            // A few big centres and many small ones (up to 4.5 times as many parcels), wide enough that 1M parcels cover each
            // quarter about once per plan year at most: plan years overlap, parcels of one year mostly do not.
            var weight = 1 / Math.Pow(1 - random.NextDouble() * 0.95, 0.5);
            return new Centre(Quarters[(d + k) % Quarters.Length] + (k + 1), Roads[random.Next(Roads.Length)], lon, lat, weight,
                random.NextDouble() * Math.PI, 3_000 + random.NextDouble() * 12_000, isRoad ? 300 + random.NextDouble() * 400 : 800 + random.NextDouble() * 1_700, isRoad);
        }

        /// <summary>A parcel centre and its rotation (parcels along a road face it; in a quarter they follow its grid loosely).</summary>
        public (double Lon, double Lat, double Angle) Place(Random random)
        {
            double x, y;
            if (IsRoad)
            {
                var along = (random.NextDouble() - 0.5) * LengthM;
                var across = SpreadM * Gaussian(random);
                (x, y) = (along * Math.Cos(Angle) - across * Math.Sin(Angle), along * Math.Sin(Angle) + across * Math.Cos(Angle));
            }
            else
            {
                (x, y) = (SpreadM * Gaussian(random), SpreadM * Gaussian(random));
            }
            var angle = Angle + (IsRoad ? 0.05 : 0.3) * Gaussian(random);
            return (Lon + x / (111_320 * Math.Cos(Lat * Math.PI / 180)), Lat + y / 110_574, angle);
        }
    }
}
