using System.Collections.Concurrent;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Crs;

/// <summary>
/// The plane LandMap measures in: the CGCS2000 3° Gauss-Krüger zone without zone prefix whose central meridian is
/// nearest what is measured (CM = 3° × round(lon / 3), EPSG:4534–4554). Pingdingshan lies in zone 38, EPSG:4547
/// (CM 114°E); 北京市朝阳区 at 116.4°E in zone 39, EPSG:4548 (CM 117°E).
/// </summary>
/// <remarks>
/// <para>The rule, for everything LandMap measures, draws or prints in metres: use the zone of what is shown.</para>
/// <list type="bullet">
/// <item>A parcel (its area, its 宗地图 and 界址点坐标表, its stored computed area): <see cref="For(Geometry)"/> of its outline.</item>
/// <item>A map or map frame (thematic map, review PNG): <see cref="ForExtent"/> of the area it shows, the frame's centre.</item>
/// <item>A distance or a nearest search: <see cref="For(Geometry)"/> of the origin (the parcel or point measured from).</item>
/// <item>The geocoder: the zone of the district (its gazetteer outline's centroid).</item>
/// </list>
/// <para>Every printed or returned CRS label is <see cref="Label"/> of that zone. <see cref="Gk114"/> names Pingdingshan's
/// plane for what is fixed to it by name (the OGC API's EPSG:4547, fixtures).</para>
/// One instance per zone (<see cref="ForEpsg"/> and <see cref="ForLongitude"/> return the same object), safe for
/// concurrent use. Plane areas and lengths carry the Gauss-Krüger scale error, at most about 1.00014 at the edge of a
/// 3° zone: the area surveyed files state, so the one to compare. Input is WGS 84 (= CGCS2000) lon/lat; NaN throws.
/// </remarks>
public sealed class MetricPlane
{
    private const int FirstEpsg = 4534, LastEpsg = 4554;
    private static readonly ConcurrentDictionary<int, MetricPlane> Planes = new();

    // ThreadLocal because ProjNet does not promise thread-safe transforms.
    private readonly ThreadLocal<CrsTransformer> _toPlane;
    private readonly ThreadLocal<CrsTransformer> _fromPlane;

    private MetricPlane(CrsDefinition crs)
    {
        Crs = crs;
        Epsg = crs.Epsg!.Value;
        CentralMeridian = 3.0 * (Epsg - FirstEpsg + 25);
        Factory = NtsGeometryServices.Instance.CreateGeometryFactory(Epsg);
        _toPlane = new(() => CrsTransformer.Create(KnownCrs.Wgs84, crs).Value);
        _fromPlane = new(() => CrsTransformer.Create(crs, KnownCrs.Wgs84).Value);
    }

    /// <summary>EPSG:4547, CGCS2000 / 3-degree Gauss-Kruger CM 114E: the plane of Pingdingshan.</summary>
    public static MetricPlane Gk114 { get; } = ForEpsg(4547);

    /// <summary>The plane of the 3° zone nearest <paramref name="longitude"/> (clamped to China's zones 25–45).</summary>
    public static MetricPlane ForLongitude(double longitude)
    {
        if (!double.IsFinite(longitude)) throw new ArgumentException($"Longitude {longitude} is not a number.", nameof(longitude));
        var zone = Math.Clamp(GaussKrugerZones.ThreeDegreeZone(longitude), 25, 45);
        return ForEpsg(FirstEpsg + zone - 25);
    }

    /// <summary>The plane of a WGS 84 geometry: the zone of its envelope's centre.</summary>
    /// <exception cref="ArgumentException">The geometry is empty.</exception>
    public static MetricPlane For(Geometry wgs84) => ForExtent(wgs84.EnvelopeInternal);

    /// <summary>The plane of a WGS 84 lon/lat box (a map frame): the zone of its centre.</summary>
    /// <exception cref="ArgumentException">The box is null (empty).</exception>
    public static MetricPlane ForExtent(Envelope wgs84) =>
        wgs84.IsNull ? throw new ArgumentException("An empty geometry has no plane.", nameof(wgs84)) : ForLongitude(wgs84.Centre.X);

    /// <summary>The plane of EPSG:4534–4554 (CGCS2000 3° Gauss-Krüger CM 75°E–135°E).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Another code.</exception>
    public static MetricPlane ForEpsg(int epsg)
    {
        if (epsg is < FirstEpsg or > LastEpsg)
            throw new ArgumentOutOfRangeException(nameof(epsg), epsg, $"A metric plane is one of EPSG:{FirstEpsg}–{LastEpsg} (CGCS2000 3° Gauss-Krüger, no zone prefix).");
        return Planes.GetOrAdd(epsg, e => new MetricPlane(KnownCrs.FromEpsg(e).Value));
    }

    /// <summary>The projected CRS.</summary>
    public CrsDefinition Crs { get; }

    /// <summary>Its EPSG code (4534–4554).</summary>
    public int Epsg { get; }

    /// <summary>The central meridian in degrees east.</summary>
    public double CentralMeridian { get; }

    /// <summary>The label sheets and answers print: <c>CGCS2000 / 3° Gauss-Krüger，中央经线 117°E（EPSG:4548）</c>.</summary>
    public string Label => $"CGCS2000 / 3° Gauss-Krüger，中央经线 {CentralMeridian:0}°E（EPSG:{Epsg}）";

    /// <summary>The factory of geometries in this plane (SRID = <see cref="Epsg"/>).</summary>
    public GeometryFactory Factory { get; }

    /// <summary>A copy of <paramref name="wgs84"/> in this plane's metres (E, N).</summary>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite.</exception>
    public Geometry ToPlane(Geometry wgs84) => Unwrap(_toPlane.Value!.Transform(wgs84), nameof(wgs84));

    /// <summary>A copy of <paramref name="plane"/> (E, N metres) in WGS 84 lon/lat.</summary>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite.</exception>
    public Geometry ToWgs84(Geometry plane) => Unwrap(_fromPlane.Value!.Transform(plane), nameof(plane));

    /// <summary>One WGS 84 position in this plane (E, N).</summary>
    public (double E, double N) ToPlane(double lon, double lat) => _toPlane.Value!.Transform(lon, lat);

    /// <summary>One position of this plane as WGS 84 (lon, lat).</summary>
    public (double Lon, double Lat) ToWgs84(double e, double n) => _fromPlane.Value!.Transform(e, n);

    /// <summary>Plane area in m² of a WGS 84 geometry.</summary>
    public double AreaM2(Geometry wgs84) => ToPlane(wgs84).Area;

    /// <summary>Plane length in metres of a WGS 84 geometry.</summary>
    public double LengthM(Geometry wgs84) => ToPlane(wgs84).Length;

    /// <summary>Plane distance in metres between two WGS 84 geometries.</summary>
    public double DistanceM(Geometry a, Geometry b) => ToPlane(a).Distance(ToPlane(b));

    /// <inheritdoc/>
    public override string ToString() => $"EPSG:{Epsg}";

    private static Geometry Unwrap(CrsResult<Geometry> result, string parameter) =>
        result.IsSuccess ? result.Value : throw new ArgumentException(result.Error!.Message, parameter);
}
