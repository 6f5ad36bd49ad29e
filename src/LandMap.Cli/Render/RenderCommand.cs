using System.CommandLine;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Tiles.Print;
using LandMap.Tiles.Rendering;

namespace LandMap.Cli.Render;

/// <summary>Where <c>landmap render</c> gets parcels when no --geojson is given, from the loaded gazetteer.</summary>
/// <remarks>The geocoder plugs in here, in Program.cs: <c>RenderCommand.Create(gazetteer => …Geocode(reports, gazetteer))</c>.</remarks>
internal delegate IReadOnlyList<GeocodedEntry> ParcelSource(GazetteerIndex gazetteer);

/// <summary>The arguments of one <c>landmap render</c> run.</summary>
internal sealed record RenderRequest(string Out, int? PlanYear, string? District, string? Gazetteer, int Width, int Height, string? GeoJson, string? Font);

/// <summary>
/// <c>landmap render --db DB --out map.pdf|.png [--plan-year Y] [--district D] [--paper A3|A4] [--orientation landscape|portrait]</c>:
/// the thematic map of what the store holds (<see cref="StoreRender"/>). Without --db, the quick look at the report files:
/// <c>landmap render --out map.png [--plan-year Y] [--district D] [--gazetteer DIR] [--width W --height H] [--geojson FILE] [--font FILE]</c>.
/// </summary>
internal static class RenderCommand
{
    /// <param name="parcels">Parcels when --geojson is not given; null draws the gazetteer alone.</param>
    public static Command Create(ParcelSource? parcels = null)
    {
        var output = new Option<string>("--out") { Description = "输出文件：PNG；带 --db 时 PDF 或 PNG", Required = true };
        var db = new Option<string?>("--db")
        {
            Description = "从数据库出图（审核后的地块，已驳回的不含）：SQLite 文件或 PostgreSQL 连接串；不给则即时定位报告文件，仅供核对",
        };
        var paper = new Option<string?>("--paper") { Description = "纸张 A3 | A4（带 --db，默认 A3）" };
        paper.AcceptOnlyFromAmong("A3", "A4", "a3", "a4");
        var orientation = new Option<string?>("--orientation") { Description = "landscape（横向，默认）| portrait（纵向）（带 --db）" };
        orientation.AcceptOnlyFromAmong("landscape", "portrait");
        var planYear = new Option<int?>("--plan-year") { Description = "只画该计划年度的地块" };
        var district = new Option<string?>("--district") { Description = "只画该区的地块，并以该区为图幅 (卫东区, 湛河区)" };
        var gazetteer = new Option<string?>("--gazetteer") { Description = "地名库目录 (*.geojson)，默认为仓库的 gis-data/gazetteer" };
        var width = new Option<int>("--width") { Description = "图片宽度 (像素)", DefaultValueFactory = _ => 2000 };
        var height = new Option<int>("--height") { Description = "图片高度 (像素)", DefaultValueFactory = _ => 1600 };
        var geojson = new Option<string?>("--geojson") { Description = "地块 GeoJSON (landmap geocode 的输出格式)" };
        var font = new Option<string?>("--font") { Description = "含中文字形的字体文件，默认自动查找" };
        foreach (var size in new[] { width, height })
        {
            size.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() is < 64 or > 16384)
                {
                    r.AddError($"{r.Option.Name} must be 64 to 16384 pixels.");
                }
            });
        }

        var command = new Command("render", "出专题图：带 --db 时为数据库中地块的 PDF/PNG 专题图，否则为报告文件的 PNG 草图 (print the stored parcels as a map; without --db, sketch the reports)")
        {
            output, db, planYear, district, paper, orientation, gazetteer, width, height, geojson, font,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(db) is { } store)
            {
                // The store's parcels and gazetteer: options of the quick look have nothing to act on.
                var unused = new Option[] { gazetteer, width, height, geojson }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
                if (unused.Count > 0)
                {
                    return Task.FromResult(Fail($"{string.Join(", ", unused)} cannot be used with --db: the map is drawn from the store's parcels and gazetteer on paper (--paper, --orientation)."));
                }

                return StoreRender.RunAsync(new StoreRenderRequest(store, parse.GetValue(output)!, parse.GetValue(planYear), parse.GetValue(district),
                    parse.GetValue(paper), parse.GetValue(orientation), parse.GetValue(font)), cancellationToken);
            }

            var paperOnly = new Option[] { paper, orientation }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
            if (paperOnly.Count > 0)
            {
                return Task.FromResult(Fail($"{string.Join(", ", paperOnly)} needs --db: a printed map is drawn from the store (landmap import first)."));
            }

            if (PrintFormats.FromPath(parse.GetValue(output)!) == PrintFormat.Pdf)
            {
                return Task.FromResult(Fail("a PDF is printed from the store: add --db landmap.db (landmap import the reports first), or write a .png."));
            }

            return Task.FromResult(Run(
            new RenderRequest(parse.GetValue(output)!, parse.GetValue(planYear), parse.GetValue(district), parse.GetValue(gazetteer),
                parse.GetValue(width), parse.GetValue(height), parse.GetValue(geojson), parse.GetValue(font)),
                parcels));
        });
        return command;
    }

    /// <returns>0 when the image was written, 1 otherwise (the reason on stderr).</returns>
    public static int Run(RenderRequest request, ParcelSource? parcels)
    {
        if (GazetteerFolder.Find(request.Gazetteer) is not { } folder) return 1;
        if (!Directory.EnumerateFiles(folder, "*.geojson").Any())
        {
            return Fail($"no gazetteer found in {folder}; put the gazetteer's *.geojson files there or pass --gazetteer DIR.");
        }

        var (index, load) = GazetteerIndex.LoadDirectory(folder);
        if (index is null)
        {
            return Fail($"the gazetteer in {folder} does not load; fix these and run again:{Environment.NewLine}{load}");
        }

        IReadOnlyList<GeocodedEntry> entries = [];
        if (request.GeoJson is not null)
        {
            var (read, error) = ParcelGeoJson.Read(request.GeoJson);
            if (error is not null)
            {
                return Fail(error);
            }

            entries = read;
        }
        else if (parcels is not null)
        {
            entries = parcels(index);
        }

        var wanted = request.District is null ? null : PlaceNames.Normalize(request.District);
        var scene = new MapScene
        {
            Features = index.Features,
            Entries = entries
                .Where(e => request.PlanYear is null || e.PlanYear == request.PlanYear)
                .Where(e => wanted is null || PlaceNames.Normalize(e.District ?? "") == wanted)
                .ToList(),
            District = request.District,
        };
        if (request.District is not null && index.OfKind(PlaceKind.District).All(f => PlaceNames.Normalize(f.Name) != wanted))
        {
            Console.Error.WriteLine($"landmap: warning: the gazetteer has no district polygon named {request.District}; the map shows the parcels or the whole gazetteer.");
        }

        try
        {
            var options = new RenderOptions { Width = request.Width, Height = request.Height, FontPath = request.Font };
            var png = MapRenderer.Render(scene, options);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.Out))!);
            File.WriteAllBytes(request.Out, png);
        }
        catch (InvalidOperationException e)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot write {request.Out}: {e.Message}");
        }

        var drawn = scene.Entries.Count(e => e.Status != GeocodeStatus.Unresolved && e.Geometry is not null);
        Console.Out.WriteLine($"wrote {request.Out} ({request.Width}×{request.Height}): {index.Count} gazetteer features, {drawn} of {scene.Entries.Count} parcels drawn");
        return 0;
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine($"landmap: error: {message}");
        return 1;
    }
}
