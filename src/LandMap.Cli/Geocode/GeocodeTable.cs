using System.Globalization;
using LandMap.Core.Geocoding;
using Spectre.Console;

namespace LandMap.Cli.Geocode;

/// <summary>The human-readable form of <c>landmap geocode</c>.</summary>
internal static class GeocodeTable
{
    public static void Write(IReadOnlyList<GeocodedEntry> entries)
    {
        var console = CliConsole.Create();
        foreach (var group in entries.GroupBy(e => (e.File, e.District, e.PlanYear)))
        {
            var table = new Table().Title($"{group.Key.File} {group.Key.District} {group.Key.PlanYear} 年")
                .AddColumns("序号", "名称", "状态", "可信度", "方法", "面积(亩) 所述/计算", "位置(经纬度)", "条件", "提示");
            foreach (var e in group)
            {
                var centre = e.Geometry?.Centroid;
                table.AddRow(
                    Cell(e.Seq.ToString(CultureInfo.InvariantCulture)),
                    Cell(e.Name),
                    Cell(StatusLabel(e.Status)),
                    Cell(e.Confidence.ToString("0.00", CultureInfo.InvariantCulture)),
                    Cell(e.Method),
                    Cell($"{e.AreaMu?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—"} / {e.AreaMuComputed?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—"}"),
                    Cell(centre is null ? "" : $"{centre.X:0.00000}, {centre.Y:0.00000}"),
                    Cell($"{e.Constraints.Count(c => c.Satisfied)}/{e.Constraints.Count}"),
                    Cell(string.Join("；", e.Warnings)));
            }
            console.Write(table);
        }
    }

    private static string StatusLabel(GeocodeStatus status) => status switch
    {
        GeocodeStatus.Located => "已定位",
        GeocodeStatus.Approximate => "近似",
        _ => "未定位",
    };

    private static Markup Cell(string text) => new(Markup.Escape(text));
}
