using System.Globalization;
using LandMap.Core.LandUse;
using LandMap.Server.Problems;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Parcels;

/// <summary>
/// The filters of <c>GET /api/parcels</c>, parsed from the raw query so a bad value gets a 400 naming it. <c>use</c> is a
/// comma list of land-use codes (<c>industrial-land</c> = industrial, logistics and industrial-park); the area bounds
/// apply to the stated area, so an entry whose report states none never matches them.
/// </summary>
public sealed record ParcelQuery(int? PlanYear, string? District, Envelope? Bbox, string? Text)
{
    /// <summary>The land-use classes to keep, or null for all.</summary>
    public IReadOnlySet<LandUseClass>? Uses { get; init; }

    /// <summary>The smallest stated area in 亩, or null.</summary>
    public double? MinAreaMu { get; init; }

    /// <summary>The largest stated area in 亩, or null.</summary>
    public double? MaxAreaMu { get; init; }

    /// <summary>The <c>use</c> code that names every class investors look for as industrial land.</summary>
    public const string IndustrialLand = "industrial-land";

    public static ParcelQuery Parse(string? planYear, string? district, string? bbox, string? q, string? use, string? minAreaMu, string? maxAreaMu,
        QueryErrors errors)
    {
        int? year = null;
        if (!string.IsNullOrWhiteSpace(planYear))
        {
            if (int.TryParse(planYear, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1949 and <= 2100) year = y;
            else errors.Add("planYear", $"planYear must be a year such as 2023, not '{planYear}'.");
        }
        var min = ParseArea("minAreaMu", minAreaMu, errors);
        var max = ParseArea("maxAreaMu", maxAreaMu, errors);
        if (min > max) errors.Add("minAreaMu", $"minAreaMu ({min}) must not exceed maxAreaMu ({max}).");
        return new ParcelQuery(year, string.IsNullOrWhiteSpace(district) ? null : district.Trim(), ParseBbox(bbox, errors),
            string.IsNullOrWhiteSpace(q) ? null : q.Trim())
        {
            Uses = ParseUses(use, errors), MinAreaMu = min, MaxAreaMu = max,
        };
    }

    public bool Matches(ParcelView view)
    {
        var p = view.Parcel;
        if (PlanYear is { } year && p.PlanYear != year) return false;
        if (District is { } district && p.District != district) return false;
        if (Bbox is { } box && (p.Geometry is null || !box.Intersects(p.Geometry.EnvelopeInternal))) return false;
        if (Uses is { } uses && !uses.Contains(view.LandUse.Class)) return false;
        if (MinAreaMu is { } min && !(p.AreaMu >= min)) return false;
        if (MaxAreaMu is { } max && !(p.AreaMu <= max)) return false;
        // The company is the start of the name, and villages are named in the location or the note.
        return Text is null
            || p.Name.Contains(Text, StringComparison.OrdinalIgnoreCase)
            || (p.Location?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false)
            || (view.Entry?.Note?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false);
    }

    private static IReadOnlySet<LandUseClass>? ParseUses(string? use, QueryErrors errors)
    {
        if (string.IsNullOrWhiteSpace(use)) return null;
        var classes = new HashSet<LandUseClass>();
        foreach (var code in use.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (code == IndustrialLand) classes.UnionWith(LandUseClassifier.IndustrialLand);
            else if (LandUseClassifier.FromCode(code) is { } c) classes.Add(c);
            else
            {
                var known = string.Join(", ", Enum.GetValues<LandUseClass>().Select(LandUseClassifier.Code).Prepend(IndustrialLand));
                errors.Add("use", $"use '{code}' is not a land-use code; use one or more of: {known}.");
                return null;
            }
        }
        return classes;
    }

    private static double? ParseArea(string name, string? value, QueryErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var mu) && double.IsFinite(mu) && mu >= 0) return mu;
        errors.Add(name, $"{name} must be an area in 亩 (a number ≥ 0), not '{value}'.");
        return null;
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
