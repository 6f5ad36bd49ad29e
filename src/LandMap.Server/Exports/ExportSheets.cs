using LandMap.Core.Crs;
using LandMap.Core.Reports;
using LandMap.Data;
using LandMap.Data.Export;
using LandMap.Server.Plans;
using LandMap.Server.Projects;

namespace LandMap.Server.Exports;

/// <summary>The columns of a parcel export and one parcel's row: the values <c>GET /api/parcels</c> serves, in Chinese.</summary>
internal static class ParcelExportTable
{
    /// <summary>The columns, the last two the parcel's centre (a point inside it) in <paramref name="datum"/>, named in the header.</summary>
    public static IReadOnlyList<SheetColumn> Columns(OutputDatum datum) =>
    [
        new("编号", 17, SheetCellKind.Integer), new("名称", 44), new("计划年度", 9, SheetCellKind.Integer), new("区县", 9),
        new("序号", 6, SheetCellKind.Integer), new("位置", 36), new("申报面积（亩）", 14, SheetCellKind.Decimal),
        new("计算面积（亩）", 14, SheetCellKind.Decimal), new("用地类型", 14), new("项目阶段", 10), new("可供用地", 9),
        new("审核状态", 9), new("定位状态", 9), new("可信度", 8, SheetCellKind.Percent), new("企业", 30),
        new("冲突", 40), new($"中心经度（{datum.Name()}）", 14, SheetCellKind.Decimal), new($"中心纬度（{datum.Name()}）", 14, SheetCellKind.Decimal),
    ];

    private static readonly Dictionary<string, string> ReviewNames = new()
    {
        ["candidate"] = "候选", ["reviewed"] = "已审核", ["surveyed"] = "已勘测", ["rejected"] = "已驳回",
    };

    private static readonly Dictionary<string, string> StatusNames = new()
    {
        ["located"] = "已定位", ["approximate"] = "近似定位", ["unresolved"] = "未定位", ["reviewed"] = "已审核", ["surveyed"] = "已勘测",
    };

    public static object?[] Row(ParcelRecord r, OutputDatum datum)
    {
        var stage = r.ProjectStage is { } key ? StageKeys.Parse(key) : null;
        // A point inside the outline (a centroid can fall outside an L-shaped parcel), 6 decimals ≈ 0.1 m.
        (double Lon, double Lat)? centre = r.Geometry is { IsEmpty: false } g ? datum.FromWgs84(g.InteriorPoint.X, g.InteriorPoint.Y) : null;
        return
        [
            r.PublicId, r.Name, r.PlanYear, r.District, r.Seq, r.Location, r.AreaMu, r.AreaMuComputed, r.LandUseName,
            stage is { } s ? ProjectStageNames.Chinese(s) : null, Core.LandUse.LandAvailability.IsAvailable(stage) ? "是" : "否（已投产）",
            ReviewNames.GetValueOrDefault(r.ReviewStatus, r.ReviewStatus), StatusNames.GetValueOrDefault(r.Status, r.Status),
            Math.Round(r.Confidence, 3), r.Company, Data.Conflicts.ConflictText.Summary(r.ConflictsJson),
            centre is { } c ? Math.Round(c.Lon, 6) : null, centre is { } d ? Math.Round(d.Lat, 6) : null,
        ];
    }
}

/// <summary>The columns of a two-year comparison and one line's row.</summary>
internal static class DiffExportTable
{
    private static readonly Dictionary<string, string> ClassNames = new() { ["carried"] = "延续", ["new"] = "新增", ["dropped"] = "取消" };

    public static IReadOnlyList<SheetColumn> Columns(int from, int to) =>
    [
        new("类别", 7), new($"{from} 年序号", 10, SheetCellKind.Integer), new($"{from} 年名称", 40), new($"{from} 年申报面积（亩）", 14, SheetCellKind.Decimal),
        new($"{to} 年序号", 10, SheetCellKind.Integer), new($"{to} 年名称", 40), new($"{to} 年申报面积（亩）", 14, SheetCellKind.Decimal),
        new("面积变化（亩）", 12, SheetCellKind.Decimal), new("得分", 7, SheetCellKind.Decimal), new("依据", 40), new("审核确认", 12),
        new($"{from} 年编号", 17, SheetCellKind.Integer), new($"{to} 年编号", 17, SheetCellKind.Integer),
    ];

    public static object?[] Row(PlanLinkDto line, IReadOnlyDictionary<long, double?> areas)
    {
        double? Area(long? id) => id is { } i && areas.TryGetValue(i, out var a) ? a : null;
        var (fromArea, toArea) = (Area(line.FromParcelId), Area(line.ToParcelId));
        return
        [
            ClassNames.GetValueOrDefault(line.Class, line.Class), line.From?.Seq, line.From?.Name, fromArea, line.To?.Seq, line.To?.Name, toArea,
            fromArea is { } f && toArea is { } t ? Math.Round(t - f, 4) : null, line.Score is { } s ? Math.Round(s, 3) : null,
            string.Join("；", line.Reasons), line.Review?.DecidedBy, line.FromParcelId, line.ToParcelId,
        ];
    }
}
