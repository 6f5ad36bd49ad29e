using System.CommandLine;
using LandMap.Core.Gazetteer;
using LandMap.Tiles.Basemap;

namespace LandMap.Cli.Tiles;

/// <summary><c>landmap tiles build [--gazetteer DIR] [--out tiles/basemap.mbtiles] [--minzoom 10 --maxzoom 16]</c>.</summary>
internal static class TilesCommand
{
    public static Command Create()
    {
        var gazetteer = new Option<string?>("--gazetteer") { Description = "地名库目录，默认为仓库的 gis-data/gazetteer" };
        var output = new Option<string?>("--out") { Description = "输出 MBTiles 文件，默认为仓库的 tiles/basemap.mbtiles" };
        var minZoom = new Option<int>("--minzoom") { Description = "最小缩放级别", DefaultValueFactory = _ => 10 };
        var maxZoom = new Option<int>("--maxzoom") { Description = "最大缩放级别", DefaultValueFactory = _ => 16 };
        var build = new Command("build", "由地名库生成底图矢量瓦片 (MBTiles) (build the basemap vector tiles)") { gazetteer, output, minZoom, maxZoom };
        build.SetAction(parse => Build(parse.GetValue(gazetteer), parse.GetValue(output), new BasemapOptions(parse.GetValue(minZoom), parse.GetValue(maxZoom))));
        return new Command("tiles", "矢量瓦片 (vector tiles)") { build };
    }

    private static int Build(string? gazetteerDirectory, string? output, BasemapOptions options)
    {
        if (options.Validate() is { } problem) return Fail(problem);
        if (GazetteerFolder.Load(gazetteerDirectory) is not { } index) return 1;
        var path = output ?? (DataPaths.Tiles is { } tiles ? Path.Combine(tiles, "basemap.mbtiles") : null);
        if (path is null) return Fail($"no tiles/ folder found beside gis-data/ (looked for {DataPaths.Searched}); pass --out FILE.");

        var result = BasemapBuilder.Build(index, path, options);
        Console.WriteLine($"{result.Path}: {result.TileCount} tiles, z{options.MinZoom}–{options.MaxZoom}, {result.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"landmap tiles build: {message}");
        return 1;
    }
}
