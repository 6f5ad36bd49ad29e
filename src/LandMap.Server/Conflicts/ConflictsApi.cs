using System.Globalization;
using LandMap.Core.Conflicts;
using LandMap.Core.Layers;
using LandMap.Data.Conflicts;
using LandMap.Server.Hosting;
using LandMap.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Conflicts;

/// <summary>One row of the conflicts table: a parcel and one layer it conflicts with.</summary>
public sealed record ConflictRow(long Id, string Name, string? District, int? PlanYear, string ReviewStatus, ConflictDto Conflict);

/// <summary>The conflicts table: every row, largest conflict first.</summary>
public sealed record ConflictTable(IReadOnlyList<ConflictRow> Rows, int Count, double TotalConflictMu);

/// <summary>
/// <c>GET /api/conflicts</c>: published parcels' conflicts with the bureau's layers as a table, read from what the store
/// keeps per geometry version (nothing is overlaid per request).
/// </summary>
public static class ConflictsApi
{
    private const int MaxDistrictLength = 50;

    public static IEndpointRouteBuilder MapConflicts(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/conflicts", ListAsync).WithTags("Conflicts").WithName("ListConflicts")
            .WithSummary("Conflicts of published parcels with the bureau's farmland, eco-redline, urban-boundary, land-survey and cadastre layers, " +
                "one row per parcel and layer (a land survey only where it takes 耕地), largest first; filtered by planYear, district and kind.");
        return routes;
    }

    private static async Task<Results<Ok<ConflictTable>, ValidationProblem>> ListAsync(string? planYear, string? district, string? kind,
        StoreAccess access, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        int? year = null;
        if (!string.IsNullOrWhiteSpace(planYear))
        {
            if (int.TryParse(planYear, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1949 and <= 2100) year = y;
            else errors.Add("planYear", $"planYear must be a year such as 2023, not '{planYear}'.");
        }
        if (district is { Length: > MaxDistrictLength }) errors.Add("district", $"district is at most {MaxDistrictLength} characters.");
        LayerKind? layerKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            layerKind = LayerKinds.Parse(kind);
            if (layerKind is not { } k || !ConflictCheckOp.CheckedKinds.Contains(k))
            {
                errors.Add("kind", $"kind must be one of {string.Join(", ", ConflictCheckOp.CheckedKinds.Select(c => c.Name()))}, not '{kind}'.");
                layerKind = null;
            }
        }
        if (errors.Any) return errors.ToProblem();

        var store = await access.GetAsync(cancellationToken);
        var rows = (await ConflictRows.ReadAsync(store, year, string.IsNullOrWhiteSpace(district) ? null : district.Trim(), layerKind, cancellationToken))
            .Select(r => new ConflictRow(r.PublicId, r.Name, r.District, r.PlanYear, r.ReviewStatus, ConflictMapping.ToDto(r.Conflict))).ToList();
        return TypedResults.Ok(new ConflictTable(rows, rows.Count, Math.Round(rows.Sum(r => r.Conflict.ConflictMu), 4)));
    }
}
