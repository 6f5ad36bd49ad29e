using System.Globalization;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using LandMap.Server.Problems;
using LandMap.Tiles.Print;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Print;

/// <summary>
/// <c>GET /api/maps/sheet.pdf?planYear=&amp;district=&amp;bbox=&amp;layers=&amp;paper=&amp;orientation=</c>: the thematic map of what the
/// page shows (the view's box in WGS 84 lon/lat, the plan year, the district, the visible layers) as a one-page PDF, A3
/// landscape unless asked otherwise, drawn by <see cref="ThematicMap"/> from the store's published parcels. Every parameter
/// is checked before the store is read; a bad one is a 400 problem naming it.
/// </summary>
public static class MapSheetApi
{
    /// <summary>The largest box printed, per side in degrees (about 180 km here): a sheet is a district or a city, not a province.</summary>
    public const double MaxBboxDegrees = 2;

    /// <summary>The raw query, so a bad value gets a 400 naming it.</summary>
    public sealed record SheetParameters(string? PlanYear, string? District, string? Bbox, string? Layers, string? Paper, string? Orientation);

    public static IEndpointRouteBuilder MapMapSheets(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/maps").WithTags("Maps")
            .MapGet("/sheet.pdf", ([AsParameters] SheetParameters parameters, StoreAccess access, IOptions<ServerOptions> options, CancellationToken ct) =>
                SheetAsync(parameters, access, options.Value, ct))
            .RequireRateLimiting(Auth.AccessSetup.PrintLimit).WithName("MapSheetPdf")
            .WithSummary("The published parcels of planYear and district in bbox (WGS 84 minLon,minLat,maxLon,maxLat; at most 2° a side) as a one-page " +
                "thematic map PDF: layers (basemap, parcels, labels, projects; default all), paper A3|A4 (default A3), orientation landscape|portrait " +
                "(default landscape). Coordinate system of the sheet: the CGCS2000 3° Gauss-Krüger zone of the frame's centre (EPSG:4547 in Pingdingshan), named in its footer.");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> SheetAsync(SheetParameters q, StoreAccess access,
        ServerOptions options, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var filter = ParcelQuery.Parse(q.PlanYear, q.District, q.Bbox, null, null, null, null, null, null, null, null, errors);
        if (filter.Bbox is { } box && (box.Width > MaxBboxDegrees || box.Height > MaxBboxDegrees))
        {
            errors.Add("bbox", $"bbox spans {box.Width:0.###}° × {box.Height:0.###}°; a printed map covers at most {MaxBboxDegrees}° a side: zoom in.");
        }

        var (layers, layerError) = MapLayerNames.Parse(q.Layers);
        if (layerError is not null) errors.Add("layers", layerError);
        var size = Parse(q.Paper, Paper.ParseSize, PaperSize.A3, "paper", "paper must be A3 or A4", errors);
        var orientation = Parse(q.Orientation, Paper.ParseOrientation, PaperOrientation.Landscape, "orientation", "orientation must be landscape or portrait", errors);
        if (errors.Any) return errors.ToProblem();

        ParcelPalette palette;
        try
        {
            palette = ParcelPalette.Load(options.StylePath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return TypedResults.Problem(title: "地图样式无法读取", detail: e.Message, statusCode: StatusCodes.Status500InternalServerError);
        }

        var request = new ThematicMapRequest
        {
            PlanYear = filter.PlanYear, District = filter.District, Bounds = filter.Bbox, Layers = layers!.Value,
            Paper = new Paper(size, orientation), Palette = palette,
        };
        var store = await access.GetAsync(cancellationToken);
        var (data, problem) = await ThematicMapSource.LoadAsync(store, request, cancellationToken);
        if (data is null)
        {
            return TypedResults.Problem(title: "没有可出图的内容", detail: problem + " Give bbox (the view) or another planYear/district.", statusCode: StatusCodes.Status404NotFound);
        }

        byte[] pdf;
        try
        {
            pdf = ThematicMap.Render(data, PrintFormat.Pdf);
        }
        catch (InvalidOperationException e)
        {
            // No CJK font on the server: the message names the package to install.
            return TypedResults.Problem(title: "无法出图", detail: e.Message, statusCode: StatusCodes.Status500InternalServerError);
        }

        return TypedResults.File(pdf, "application/pdf", FileName(request));
    }

    private static T Parse<T>(string? text, Func<string?, T?> parse, T fallback, string name, string message, QueryErrors errors) where T : struct
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (parse(text) is { } value) return value;
        errors.Add(name, $"{message}, not '{(text.Length > 20 ? text[..20] + "…" : text)}'.");
        return fallback;
    }

    // LandMap专题图-卫东区-2023年-20261207.pdf: the browser keeps the Chinese name (filename*), older clients an ASCII one.
    private static string FileName(ThematicMapRequest request)
    {
        var parts = new[] { "LandMap专题图", request.District, request.PlanYear is { } y ? $"{y}年" : null, request.DrawnAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture) }
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => new string(p!.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c is not ('"' or '\\')).ToArray()));
        return string.Join('-', parts) + ".pdf";
    }
}
