using LandMap.Cli.Storage;
using LandMap.Tiles.Print;

namespace LandMap.Cli.Render;

/// <summary>The arguments of <c>landmap render --db</c>.</summary>
internal sealed record StoreRenderRequest(string Db, string Out, int? PlanYear, string? District, string? Paper, string? Orientation, string? Font);

/// <summary>
/// <c>landmap render --db DB --out FILE.pdf|.png</c>: the thematic map of the store's published parcels (what reviewers saw
/// and saved; nothing is geocoded again), A3 landscape unless asked otherwise, coloured as the page colours them.
/// </summary>
internal static class StoreRender
{
    public static async Task<int> RunAsync(StoreRenderRequest request, CancellationToken cancellationToken)
    {
        if (PrintFormats.FromPath(request.Out) is not { } format)
        {
            return RenderCommand.Fail($"--out {request.Out}: write a .pdf or a .png.");
        }

        var paper = new Paper(Paper.ParseSize(request.Paper) ?? PaperSize.A3, Paper.ParseOrientation(request.Orientation) ?? PaperOrientation.Landscape);
        ParcelPalette palette;
        try
        {
            palette = DataPaths.Tiles is { } tiles && File.Exists(Path.Combine(tiles, "style.json"))
                ? ParcelPalette.Load(Path.Combine(tiles, "style.json"))
                : ParcelPalette.Default;
        }
        catch (InvalidDataException e)
        {
            return RenderCommand.Fail(e.Message);
        }

        return await StoreOptions.RunAsync(request.Db, async store =>
        {
            var mapRequest = new ThematicMapRequest
            {
                PlanYear = request.PlanYear, District = string.IsNullOrWhiteSpace(request.District) ? null : request.District.Trim(),
                Paper = paper, Palette = palette,
            };
            var (data, problem) = await ThematicMapSource.LoadAsync(store, mapRequest, cancellationToken);
            if (data is null)
            {
                return RenderCommand.Fail($"{problem} Check --plan-year and --district, or import reports with landmap import --db {request.Db}.");
            }

            var layout = new ThematicMapLayout(data);
            byte[] bytes;
            try
            {
                bytes = ThematicMap.Render(layout, format, request.Font);
            }
            catch (InvalidOperationException e)
            {
                return RenderCommand.Fail(e.Message);
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.Out))!);
                await File.WriteAllBytesAsync(request.Out, bytes, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return RenderCommand.Fail($"cannot write {request.Out}: {e.Message}");
            }

            Console.Out.WriteLine($"wrote {request.Out} ({paper}, {ThematicMapLayout.ScaleText(data.ScaleDenominator)}): {layout.Shown.Count} parcels drawn" +
                (data.Unresolved > 0 ? $", {data.Unresolved} unresolved not drawn" : ""));
            return 0;
        });
    }
}
