using LandMap.Core.Filtering;

namespace LandMap.Data;

/// <summary>
/// The parcel properties a CQL2 filter may name, as the OGC API's GeoJSON names them: the allow-list that maps each to
/// the SQL expression a store compares and to the value a stored record holds (for refinement in memory). No other
/// property name ever reaches SQL (GeoServer CVE-2024-36401: property names evaluated or spliced).
/// </summary>
public static class ParcelFilterFields
{
    /// <summary>One filterable property.</summary>
    /// <param name="Name">The name in the GeoJSON properties (planYear …) or <c>geometry</c>.</param>
    /// <param name="Type">What it may be compared with.</param>
    /// <param name="Title">Chinese title for the queryables document.</param>
    /// <param name="Sql">The SQL expression over the parcel query's tables (p, e, r, g).</param>
    /// <param name="Read">The same value from a stored record, as the GeoJSON shows it.</param>
    /// <param name="RoundDigits">Compared rounded to this many decimals (as the GeoJSON shows it).</param>
    public sealed record Field(string Name, CqlType Type, string Title, string Sql, Func<ParcelRecord, object?> Read, int? RoundDigits = null);

    private static readonly string[] Statuses = ["located", "approximate", "unresolved"];

    // A version saved by a reviewer or from a survey carries its review status ("reviewed", "surveyed") in g.status; the
    // GeoJSON shows it as located (ParcelView does the same).
    private const string StatusSql =
        "CASE WHEN LOWER(g.status) IN ('located', 'approximate', 'unresolved') THEN LOWER(g.status) WHEN g.geom IS NULL THEN 'unresolved' ELSE 'located' END";

    /// <summary>Every filterable property of the parcels collection.</summary>
    public static IReadOnlyList<Field> All { get; } =
    [
        new("id", CqlType.Integer, "地块编号", "p.public_id", r => r.PublicId),
        new("name", CqlType.String, "项目名称", "e.name", r => r.Name),
        new("district", CqlType.String, "区县", "r.district", r => r.District),
        new("planYear", CqlType.Integer, "计划年度", "r.plan_year", r => r.PlanYear),
        new("seq", CqlType.Integer, "报告中的序号", "e.seq", r => r.Seq),
        new("location", CqlType.String, "位置描述", "e.location", r => r.Location),
        new("areaMu", CqlType.Number, "报告面积（亩）", "e.area_mu", r => r.AreaMu),
        new("areaMuComputed", CqlType.Number, "图形面积（亩）", "g.area_mu_computed", r => r.AreaMuComputed),
        new("status", CqlType.String, "定位状态（located、approximate、unresolved）", StatusSql, Status),
        new("confidence", CqlType.Number, "定位置信度（0–1，三位小数）", "COALESCE(g.confidence, 0)", r => Math.Round(r.Confidence, 3, MidpointRounding.AwayFromZero), 3),
        new("method", CqlType.String, "定位方法", "g.method", r => r.Method),
        new("landUse", CqlType.String, "用地类型代码", "COALESCE(e.land_use, 'unclassified')", r => r.LandUse),
        new("landUseName", CqlType.String, "用地类型", "COALESCE(e.land_use_name, '')", r => r.LandUseName),
        new("projectStage", CqlType.String, "项目阶段代码", "p.project_stage", r => r.ProjectStage),
        new("reviewStatus", CqlType.String, "审核状态", "p.review_status", r => r.ReviewStatus),
        new("file", CqlType.String, "报告文件", "r.file_name", r => r.FileName),
        new("geometry", CqlType.Geometry, "地块图形（WGS 84）", "g.geom", r => r.Geometry),
    ];

    private static readonly Dictionary<string, Field> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The queryables as the parser takes them (name → type).</summary>
    public static IReadOnlyDictionary<string, CqlType> Schema { get; } = All.ToDictionary(f => f.Name, f => f.Type, StringComparer.Ordinal);

    /// <summary>The field named <paramref name="name"/>; a name outside the allow-list is a caller's mistake (the parser checks names).</summary>
    public static Field Get(string name) =>
        ByName.TryGetValue(name, out var field) ? field : throw new ArgumentException($"'{name}' is no filterable parcel property.", nameof(name));

    private static object? Status(ParcelRecord r)
    {
        var stored = r.Status.ToLowerInvariant();
        return Statuses.Contains(stored) ? stored : r.Geometry is null ? "unresolved" : "located";
    }
}
