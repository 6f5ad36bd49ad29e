using LandMap.Server.Hosting;
using LandMap.Server.Problems;
using LandMap.Tiles.Print;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Print;

/// <summary>
/// <c>GET /api/parcels/{id}/sheet.pdf|.png</c>: the parcel's 宗地图 (map at a round scale, 界址点坐标表, areas, checks, review
/// status) as <c>landmap sheet</c> prints it, from what the store holds now, so a reviewer's save is on the next sheet.
/// </summary>
public static class ParcelSheetApi
{
    public static IEndpointRouteBuilder MapParcelSheets(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/parcels").WithTags("Parcels");
        const string Summary = "The parcel's sheet (宗地图: map frame at a round scale with numbered 界址点, the 界址点坐标表 in X/Y metres of the parcel's CGCS2000 3° Gauss-Krüger zone (EPSG:4547 in Pingdingshan, named on the sheet), " +
            "areas, source sentence, checks, review status) on A4 portrait (paper=A3 for larger; scale=1:N to fix the scale), as ";
        group.MapGet("/{id:long}/sheet.pdf", (long id, string? paper, string? scale, StoreAccess access, HttpContext http, CancellationToken ct) =>
                SheetAsync(id, paper, scale, PrintFormat.Pdf, access, http, ct))
            .RequireRateLimiting(Auth.AccessSetup.PrintLimit).WithName("GetParcelSheetPdf").WithSummary(Summary + "PDF with the Chinese font embedded.");
        group.MapGet("/{id:long}/sheet.png", (long id, string? paper, string? scale, StoreAccess access, HttpContext http, CancellationToken ct) =>
                SheetAsync(id, paper, scale, PrintFormat.Png, access, http, ct))
            .RequireRateLimiting(Auth.AccessSetup.PrintLimit).WithName("GetParcelSheetPng").WithSummary(Summary + $"PNG at {PageWriter.PngDpi} dpi.");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SheetAsync(long id, string? paper, string? scale,
        PrintFormat format, StoreAccess access, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var size = paper is null ? PaperSize.A4 : Paper.ParseSize(paper);
        if (size is null) errors.Add("paper", $"paper must be A4 or A3, not \"{paper}\".");
        var denominator = scale is null ? null : SheetScales.Parse(scale);
        if (scale is not null && denominator is null)
            errors.Add("scale", $"scale must be 1:N with N from {SheetScales.MinDenominator} to {SheetScales.MaxDenominator} (1:2000), not \"{scale}\".");
        if (errors.Any) return errors.ToProblem();

        var store = await access.GetAsync(cancellationToken);
        var reviewer = Review.ReviewEndpoints.IsReviewer(http.User);
        var load = await ParcelSheetSource.LoadAsync(store, id, includeRejected: reviewer, denominator, DateTime.Now, new Paper(size!.Value), cancellationToken);
        if (load.Data is not { } data)
        {
            return load.Refusal == SheetRefusal.NotFound
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "地块不存在", detail: $"{load.Message} GET /api/parcels lists them.")
                : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "地块未定位，无法出图", detail: load.Message);
        }

        byte[] bytes;
        try
        {
            bytes = ParcelSheet.Render(data, format);
        }
        catch (InvalidOperationException e)
        {
            // No CJK font on the server: the message names the package to install.
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "服务器缺少中文字体", detail: e.Message);
        }

        var extension = format == PrintFormat.Pdf ? "pdf" : "png";
        return TypedResults.File(bytes, format == PrintFormat.Pdf ? "application/pdf" : "image/png", $"宗地图-{id}.{extension}");
    }
}
