using NetTopologySuite.Geometries;

namespace LandMap.Core.Crs;

/// <summary>
/// The datum LandMap writes coordinates in when asked (<c>landmap export --crs</c>, the exports API's <c>crs</c>, the
/// page's read-out): WGS 84 (= CGCS2000 at LandMap's precision; what the store holds), or the Chinese web datums GCJ-02
/// (高德, 腾讯) and BD-09 (百度), which have no EPSG code, so files in them carry a WGS 84 label and say the datum in words.
/// </summary>
public enum OutputDatum
{
    /// <summary>WGS 84 lon/lat (EPSG:4326), as stored.</summary>
    Wgs84,
    /// <summary>GCJ-02 lon/lat (高德, 腾讯).</summary>
    Gcj02,
    /// <summary>BD-09 lon/lat (百度).</summary>
    Bd09,
}

/// <summary>Parsing, naming and applying an <see cref="OutputDatum"/>.</summary>
public static class OutputDatums
{
    /// <summary>The values <c>--crs</c> / <c>crs</c> take, for messages.</summary>
    public const string Accepted = "WGS84 (also EPSG:4326, CGCS2000, EPSG:4490), GCJ02, BD09";

    /// <summary>Reads WGS84/EPSG:4326/4326/CGCS2000/EPSG:4490, GCJ02/GCJ-02, BD09/BD-09 (any case); null for anything else.</summary>
    public static OutputDatum? Parse(string? text)
    {
        if (text is null) return null;
        var key = text.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return key switch
        {
            "WGS84" or "EPSG:4326" or "4326" or "CGCS2000" or "EPSG:4490" or "4490" => OutputDatum.Wgs84,
            "GCJ02" => OutputDatum.Gcj02,
            "BD09" => OutputDatum.Bd09,
            _ => null,
        };
    }

    /// <summary>The name as files and messages print it: WGS 84, GCJ-02, BD-09.</summary>
    public static string Name(this OutputDatum datum) => datum switch
    {
        OutputDatum.Gcj02 => "GCJ-02",
        OutputDatum.Bd09 => "BD-09",
        _ => "WGS 84",
    };

    /// <summary>The point converted from WGS 84 to <paramref name="datum"/>.</summary>
    public static (double Lon, double Lat) FromWgs84(this OutputDatum datum, double lon, double lat) => datum switch
    {
        OutputDatum.Gcj02 => ChinaWebDatums.Wgs84ToGcj02(lon, lat),
        OutputDatum.Bd09 => ChinaWebDatums.Wgs84ToBd09(lon, lat),
        _ => (lon, lat),
    };

    /// <summary>A copy of the WGS 84 <paramref name="geometry"/> in <paramref name="datum"/> (the same instance for WGS 84).</summary>
    public static Geometry FromWgs84(this OutputDatum datum, Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (datum == OutputDatum.Wgs84) return geometry;
        var copy = geometry.Copy();
        copy.Apply(new DatumFilter(datum));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class DatumFilter(OutputDatum datum) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (lon, lat) = datum.FromWgs84(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, lon);
            seq.SetY(i, lat);
        }
    }
}
