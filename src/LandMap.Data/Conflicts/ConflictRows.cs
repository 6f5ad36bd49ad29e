using System.Runtime.CompilerServices;
using LandMap.Core.Conflicts;
using LandMap.Core.Layers;
using LandMap.Data.Export;

namespace LandMap.Data.Conflicts;

/// <summary>One row of the conflicts table: a parcel and one layer it conflicts with.</summary>
public sealed record ConflictRecord(long PublicId, string Name, string? District, int? PlanYear, string ReviewStatus, LayerConflict Conflict);

/// <summary>
/// The conflicts table as <c>GET /api/conflicts</c> and <c>landmap conflicts</c> give it: published parcels' stored conflicts,
/// one row per parcel and layer where <see cref="LayerConflict.ConflictMu"/> is above zero (a land survey only where it
/// takes 耕地), largest first. Read from the conflicts kept per geometry version: nothing is overlaid here.
/// </summary>
public static class ConflictRows
{
    /// <summary>The rows for a plan year, district and layer kind (each null for all).</summary>
    public static async Task<List<ConflictRecord>> ReadAsync(IParcelStore store, int? planYear, string? district, LayerKind? kind,
        CancellationToken cancellationToken = default)
    {
        var query = new ParcelQuery { PlanYear = planYear, District = district, ExcludeRejected = true, MapFieldsOnly = true };
        var rows = new List<ConflictRecord>();
        await foreach (var p in store.StreamParcelsAsync(query, cancellationToken))
        {
            foreach (var c in StoredConflicts.Read(p.ConflictsJson))
            {
                if (c.ConflictMu <= 0 || kind is { } k && c.Kind != k.Name()) continue;
                rows.Add(new ConflictRecord(p.PublicId, p.Name, p.District, p.PlanYear, p.ReviewStatus, c));
            }
        }
        rows.Sort((a, b) => b.Conflict.ConflictMu.CompareTo(a.Conflict.ConflictMu) is var order and not 0 ? order : a.PublicId.CompareTo(b.PublicId));
        return rows;
    }

    /// <summary>The rows as a sheet for CSV or XLSX (<see cref="SheetTable"/>), with <paramref name="notes"/> for the reader.</summary>
    public static SheetTable Sheet(IReadOnlyList<ConflictRecord> rows, IReadOnlyList<string> notes) =>
        new("冲突", Columns, Async(rows.Select(Row)), notes);

    private static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("编号", 17, SheetCellKind.Integer), new("名称", 44), new("计划年度", 9, SheetCellKind.Integer), new("区县", 9), new("图层", 18),
        new("类型", 14), new("冲突面积（亩）", 14, SheetCellKind.Decimal), new("占地块比例", 11, SheetCellKind.Percent), new("说明", 36),
        new("图斑/编号", 40),
    ];

    private static object?[] Row(ConflictRecord r) =>
    [
        r.PublicId, r.Name, r.PlanYear, r.District, r.Conflict.Layer, KindName(r.Conflict.Kind), r.Conflict.ConflictMu, r.Conflict.Share,
        ConflictText.Phrase(r.Conflict), string.Join("、", r.Conflict.Features) + (r.Conflict.FeatureCount > r.Conflict.Features.Count ? $" 等 {r.Conflict.FeatureCount} 个" : ""),
    ];

    /// <summary>The kind in Chinese (永久基本农田 …).</summary>
    public static string KindName(string kind) => kind switch
    {
        "farmland" => "永久基本农田", "eco-redline" => "生态保护红线", "urban-boundary" => "城镇开发边界", "land-survey" => "三调耕地", "cadastre" => "宗地",
        _ => kind,
    };

    private static async IAsyncEnumerable<object?[]> Async(IEnumerable<object?[]> rows, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            yield return row;
        }
        await Task.CompletedTask;
    }
}
