using System.Globalization;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Crs;

/// <summary>The web-map coordinate systems that are formulas rather than ProjNet CRSs.</summary>
public enum WebDatum
{
    /// <summary>GCJ-02 (国测局, 高德/腾讯) lon/lat, via <see cref="ChinaWebDatums"/>.</summary>
    Gcj02,
    /// <summary>BD-09 (百度) lon/lat, via <see cref="ChinaWebDatums"/>.</summary>
    Bd09,
    /// <summary>EPSG:3857 Web Mercator (spherical) metres on WGS 84.</summary>
    WebMercator,
}

/// <summary>
/// The CRS of an input file as declared (.prj, GeoPackage srs, GeoJSON <c>crs</c>) or given (<c>--crs</c>): a
/// <see cref="CrsDefinition"/> for ProjNet, or one of the <see cref="WebDatum"/> formulas. <see cref="ToWgs84"/> builds
/// the transformation to WGS 84 (Xi'an 1980 / Beijing 1954 need the bureau's parameters).
/// </summary>
public sealed class SourceCrs
{
    private const double SphereRadius = 6378137.0;

    private SourceCrs(string label, CrsDefinition? definition, WebDatum? web)
    {
        Label = label;
        Definition = definition;
        Web = web;
    }

    /// <summary>As stored and shown: <c>EPSG:4526</c>, <c>GCJ02</c>, or the WKT's name when it has no EPSG code.</summary>
    public string Label { get; }

    /// <summary>The ProjNet CRS; null for a <see cref="WebDatum"/>.</summary>
    public CrsDefinition? Definition { get; }

    /// <summary>The web formula; null for a ProjNet CRS.</summary>
    public WebDatum? Web { get; }

    /// <summary>The values <c>--crs</c> takes, for messages.</summary>
    public const string Accepted = "EPSG:N (4326, 4490, 4491–4554 CGCS2000 Gauss-Kruger, 4610/2327–2390 Xi'an 1980, 4214/2401–2442/21413–21483 Beijing 1954, 3857), GCJ02, BD09";

    /// <summary>WGS 84.</summary>
    public static SourceCrs Wgs84 { get; } = new("EPSG:4326", KnownCrs.Wgs84, null);

    /// <summary>A ProjNet CRS, labelled by its EPSG code when it has one.</summary>
    public static SourceCrs Of(CrsDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new(definition.Epsg is { } e ? $"EPSG:{e}" : definition.Name, definition, null);
    }

    /// <summary>A web formula.</summary>
    public static SourceCrs Of(WebDatum web) => new(web switch { WebDatum.Gcj02 => "GCJ02", WebDatum.Bd09 => "BD09", _ => "EPSG:3857" }, null, web);

    /// <summary>Reads a <c>--crs</c> value: <c>EPSG:4526</c>, <c>4526</c>, <c>GCJ02</c>, <c>BD09</c>, <c>WGS84</c>, <c>CGCS2000</c>.</summary>
    public static CrsResult<SourceCrs> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = text.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        switch (key)
        {
            case "GCJ02": return CrsResult<SourceCrs>.Ok(Of(WebDatum.Gcj02));
            case "BD09": return CrsResult<SourceCrs>.Ok(Of(WebDatum.Bd09));
            case "WGS84": return CrsResult<SourceCrs>.Ok(Wgs84);
            case "CGCS2000": return CrsResult<SourceCrs>.Ok(Of(KnownCrs.Cgcs2000));
        }
        var digits = key.StartsWith("EPSG:", StringComparison.Ordinal) ? key[5..] : key;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var epsg))
            return CrsResult<SourceCrs>.Fail(CrsErrorCode.UnknownEpsg, $"--crs '{text}' is not one of {Accepted}.");
        return FromEpsg(epsg);
    }

    /// <summary>An EPSG code: the known ones, every Gauss-Krüger zone, and Web Mercator (3857 and its old aliases).</summary>
    public static CrsResult<SourceCrs> FromEpsg(int epsg)
    {
        if (epsg is 3857 or 900913 or 3785 or 102100) return CrsResult<SourceCrs>.Ok(Of(WebDatum.WebMercator));
        var known = KnownCrs.FromEpsg(epsg);
        return known.IsSuccess ? CrsResult<SourceCrs>.Ok(Of(known.Value)) : CrsResult<SourceCrs>.Fail(known.Error!);
    }

    /// <summary>
    /// Reads WKT1 (.prj, GeoPackage definition): Web Mercator by its name (ProjNet cannot compute it), else
    /// <see cref="KnownCrs.FromWkt"/>.
    /// </summary>
    public static CrsResult<SourceCrs> FromWkt(string wkt)
    {
        ArgumentNullException.ThrowIfNull(wkt);
        var head = wkt.Length > 200 ? wkt[..200] : wkt;
        if (head.Contains("Web_Mercator", StringComparison.OrdinalIgnoreCase) || head.Contains("Pseudo-Mercator", StringComparison.OrdinalIgnoreCase)
            || head.Contains("Pseudo_Mercator", StringComparison.OrdinalIgnoreCase))
            return CrsResult<SourceCrs>.Ok(Of(WebDatum.WebMercator));
        var crs = KnownCrs.FromWkt(wkt);
        return crs.IsSuccess ? CrsResult<SourceCrs>.Ok(Of(crs.Value)) : CrsResult<SourceCrs>.Fail(crs.Error!);
    }

    /// <summary>The central meridian when this is a Gauss-Krüger (Transverse Mercator) CRS: the data's own zone.</summary>
    public double? CentralMeridian => Definition?.TransverseMercatorMeridian;

    /// <summary>The transformation to WGS 84, or why not (Xi'an 1980 / Beijing 1954 without <paramref name="shifts"/>).</summary>
    public CrsResult<Func<Geometry, CrsResult<Geometry>>> ToWgs84(IReadOnlyList<DatumShift> shifts)
    {
        if (Web is { } web)
        {
            var factory = NtsGeometryServices.Instance.CreateGeometryFactory(4326);
            Func<double, double, (double, double)> point = web switch
            {
                WebDatum.Gcj02 => ChinaWebDatums.Gcj02ToWgs84,
                WebDatum.Bd09 => ChinaWebDatums.Bd09ToWgs84,
                _ => InverseWebMercator,
            };
            return CrsResult<Func<Geometry, CrsResult<Geometry>>>.Ok(g => Apply(factory.CreateGeometry(g), point));
        }
        var transformer = CrsTransformer.Create(Definition!, KnownCrs.Wgs84, new CrsTransformOptions { DatumShifts = shifts });
        return transformer.IsSuccess
            ? CrsResult<Func<Geometry, CrsResult<Geometry>>>.Ok(transformer.Value.Transform)
            : CrsResult<Func<Geometry, CrsResult<Geometry>>>.Fail(transformer.Error!);
    }

    /// <inheritdoc />
    public override string ToString() => Definition is { } d ? d.ToString() : Label;

    private static (double Lon, double Lat) InverseWebMercator(double x, double y) =>
        (x / SphereRadius * 180 / Math.PI, (2 * Math.Atan(Math.Exp(y / SphereRadius)) - Math.PI / 2) * 180 / Math.PI);

    private static CrsResult<Geometry> Apply(Geometry copy, Func<double, double, (double, double)> point)
    {
        var filter = new PointFilter(point);
        copy.Apply(filter);
        return filter.Problem is { } problem ? CrsResult<Geometry>.Fail(CrsErrorCode.NonFiniteCoordinate, problem) : CrsResult<Geometry>.Ok(copy);
    }

    private sealed class PointFilter(Func<double, double, (double, double)> point) : ICoordinateSequenceFilter
    {
        public string? Problem { get; private set; }

        public bool Done => Problem is not null;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = (seq.GetX(i), seq.GetY(i));
            var (lon, lat) = double.IsFinite(x) && double.IsFinite(y) ? point(x, y) : (double.NaN, double.NaN);
            if (!double.IsFinite(lon) || !double.IsFinite(lat))
            {
                Problem = $"({x}, {y}) has no WGS 84 position; fix the source data.";
                return;
            }
            seq.SetX(i, lon);
            seq.SetY(i, lat);
        }
    }
}
