using System.Globalization;
using LandMap.Core.LandUse;
using LandMap.Core.Reports;
using LandMap.Server.Problems;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Parcels;

/// <summary>
/// The filters and page of <c>GET /api/parcels</c>, parsed from the raw query so a bad value gets a 400 naming it. <c>use</c>
/// is a comma list of land-use codes (<c>industrial-land</c> = industrial, logistics and industrial-park); the area bounds
/// apply to the stated area, so an entry whose report states none never matches them. Every filter runs in the store.
/// </summary>
public sealed record ParcelQuery(int? PlanYear, string? District, Envelope? Bbox, string? Text)
{
    /// <summary>Features per page unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 1000;

    /// <summary>The most ids one <c>ids</c> list may name.</summary>
    public const int MaxIds = 1000;

    /// <summary>At most this many features.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Skip this many matching features.</summary>
    public int Offset { get; init; }

    /// <summary>Only these public ids, or null for all.</summary>
    public IReadOnlyList<long>? Ids { get; init; }

    /// <summary>The order: the report's (default), <c>-areaMu</c> (largest stated area first), <c>name</c> or <c>confidence</c> (lowest first).</summary>
    public LandMap.Data.ParcelSort Sort { get; init; } = LandMap.Data.ParcelSort.Report;

    private static readonly Dictionary<string, LandMap.Data.ParcelSort> Sorts = new()
    {
        ["-areaMu"] = LandMap.Data.ParcelSort.AreaDescending, ["name"] = LandMap.Data.ParcelSort.Name,
        ["confidence"] = LandMap.Data.ParcelSort.ConfidenceAscending, ["report"] = LandMap.Data.ParcelSort.Report,
    };

    /// <summary>The land-use classes to keep, or null for all.</summary>
    public IReadOnlySet<LandUseClass>? Uses { get; init; }

    /// <summary>The smallest stated area in 亩, or null.</summary>
    public double? MinAreaMu { get; init; }

    /// <summary>The largest stated area in 亩, or null.</summary>
    public double? MaxAreaMu { get; init; }

    /// <summary>
    /// true: only land still to find (no key project operating on it, <see cref="LandAvailability"/>); false: only occupied
    /// land; null: both.
    /// </summary>
    public bool? Available { get; init; }

    /// <summary>The <c>available</c> parameter: true or false (any case), or absent.</summary>
    public static bool? ParseAvailable(string? available, QueryErrors errors)
    {
        if (string.IsNullOrWhiteSpace(available)) return null;
        if (bool.TryParse(available.Trim(), out var value)) return value;
        errors.Add("available", $"available must be true (only land still to find) or false (only occupied land), not '{available}'.");
        return null;
    }

    /// <summary>The <c>use</c> code that names every class investors look for as industrial land.</summary>
    public const string IndustrialLand = "industrial-land";

    public static ParcelQuery Parse(string? planYear, string? district, string? bbox, string? q, string? use, string? minAreaMu, string? maxAreaMu,
        string? limit, string? offset, string? ids, string? sortby, QueryErrors errors)
    {
        var sort = LandMap.Data.ParcelSort.Report;
        if (!string.IsNullOrWhiteSpace(sortby) && !Sorts.TryGetValue(sortby.Trim(), out sort))
            errors.Add("sortby", $"sortby must be one of {string.Join(", ", Sorts.Keys)}, not '{sortby}'.");
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
            Limit = ParseInt("limit", limit, DefaultLimit, 1, LandMap.Data.ParcelQuery.MaxLimit, errors),
            Offset = ParseInt("offset", offset, 0, 0, int.MaxValue, errors),
            Ids = ParseIds(ids, errors),
            Sort = sort,
        };
    }

    /// <summary>The store query of these filters: the published parcels (no rejected ones) of this page.</summary>
    public LandMap.Data.ParcelQuery ToStore() => new()
    {
        PlanYear = PlanYear, District = District, BoundingBox = Bbox, Text = Text, PublicIds = Ids,
        LandUses = Uses?.Select(LandUseClassifier.Code).ToList(), MinAreaMu = MinAreaMu, MaxAreaMu = MaxAreaMu,
        ExcludeRejected = true, Limit = Limit, Offset = Offset, Sort = Sort,
        ExcludeProjectStages = Available == true ? OccupiedStageKeys : null,
        ProjectStages = Available == false ? OccupiedStageKeys : null,
    };

    private static readonly IReadOnlyList<string> OccupiedStageKeys = LandAvailability.OccupyingStages.Select(ProjectStageNames.Key).ToList();

    internal static int ParseInt(string name, string? value, int fallback, int min, int max, QueryErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add(name, $"{name} must be a whole number from {min} to {max}, not '{value}'.");
        return fallback;
    }

    private static IReadOnlyList<long>? ParseIds(string? ids, QueryErrors errors)
    {
        if (string.IsNullOrWhiteSpace(ids)) return null;
        var parts = ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > MaxIds)
        {
            errors.Add("ids", $"ids names {parts.Length} parcels; ask for at most {MaxIds} at a time.");
            return null;
        }
        var list = new List<long>();
        foreach (var part in parts)
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                errors.Add("ids", $"ids must be parcel ids separated by commas; '{part}' is not one.");
                return null;
            }
            list.Add(id);
        }
        return list;
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

    internal static Envelope? ParseBbox(string? bbox, QueryErrors errors)
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
