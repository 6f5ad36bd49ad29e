using System.Globalization;
using LandMap.Server.Problems;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Parcels;

/// <summary>The filters of <c>GET /api/parcels</c>, parsed from the raw query so a bad value gets a 400 naming it.</summary>
public sealed record ParcelQuery(int? PlanYear, string? District, Envelope? Bbox, string? Text)
{
    public static ParcelQuery Parse(string? planYear, string? district, string? bbox, string? q, QueryErrors errors)
    {
        int? year = null;
        if (!string.IsNullOrWhiteSpace(planYear))
        {
            if (int.TryParse(planYear, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1949 and <= 2100) year = y;
            else errors.Add("planYear", $"planYear must be a year such as 2023, not '{planYear}'.");
        }
        return new ParcelQuery(year, string.IsNullOrWhiteSpace(district) ? null : district.Trim(), ParseBbox(bbox, errors),
            string.IsNullOrWhiteSpace(q) ? null : q.Trim());
    }

    public bool Matches(ParcelView view)
    {
        var p = view.Parcel;
        if (PlanYear is { } year && p.PlanYear != year) return false;
        if (District is { } district && p.District != district) return false;
        if (Bbox is { } box && (p.Geometry is null || !box.Intersects(p.Geometry.EnvelopeInternal))) return false;
        // The company is the start of the name, and villages are named in the location or the note.
        return Text is null
            || p.Name.Contains(Text, StringComparison.OrdinalIgnoreCase)
            || (p.Location?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false)
            || (view.Entry?.Note?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false);
    }

    private static Envelope? ParseBbox(string? bbox, QueryErrors errors)
    {
        if (string.IsNullOrWhiteSpace(bbox)) return null;
        var parts = bbox.Split(',');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                errors.Add("bbox", $"bbox value '{parts[i]}' is not a number.");
                return null;
            }
        }
        if (values.Length != 4)
        {
            errors.Add("bbox", $"bbox needs 4 numbers minLon,minLat,maxLon,maxLat; got {values.Length}.");
            return null;
        }
        var (minLon, minLat, maxLon, maxLat) = (values[0], values[1], values[2], values[3]);
        if (minLon < -180 || maxLon > 180) errors.Add("bbox", "bbox longitudes must lie within -180..180 (WGS 84, lon before lat).");
        else if (minLat < -90 || maxLat > 90) errors.Add("bbox", "bbox latitudes must lie within -90..90 (WGS 84, lon before lat).");
        else if (minLon > maxLon || minLat > maxLat) errors.Add("bbox", "bbox minimum must not exceed maximum: minLon,minLat,maxLon,maxLat.");
        else return new Envelope(minLon, maxLon, minLat, maxLat);
        return null;
    }
}
