using System.CommandLine;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;

namespace LandMap.Cli.Geocode;

/// <summary><c>landmap geocode FILE... [--gazetteer DIR] [--format geojson|table]</c> and <c>landmap geocode --text "…" --district 卫东区</c>.</summary>
internal static class GeocodeCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "报告文件", Arity = ArgumentArity.ZeroOrMore };
        var gazetteer = new Option<string?>("--gazetteer") { Description = "地名库目录（默认 gis-data/gazetteer）" };
        var format = new Option<string>("--format") { Description = "输出格式: geojson | table", DefaultValueFactory = _ => "geojson" };
        format.AcceptOnlyFromAmong("geojson", "table");
        var text = new Option<string?>("--text") { Description = "直接输入位置描述，如 “位于平安大道与八矿路交叉口东北侧，占地面积70亩”" };
        var district = new Option<string?>("--district") { Description = "与 --text 同用：所在区县，如 卫东区" };

        var command = new Command("geocode", "把用地条目定位为地块（GeoJSON），并说明依据 (geocode land entries)") { files, gazetteer, format, text, district };
        command.Validators.Add(result =>
        {
            var hasText = result.GetValue(text) is not null;
            if (hasText && result.GetValue(district) is null) result.AddError("--text needs --district (e.g. --district 卫东区)");
            // The FILE tokens, not their value: converting them here, before an unknown option after them is rejected
            // (UnknownOptions), throws instead of reporting it.
            if (!hasText && (result.GetResult(files)?.Tokens.Count ?? 0) == 0) result.AddError("give report FILEs, or --text with --district");
        });
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(gazetteer), parse.GetValue(format)!, parse.GetValue(text), parse.GetValue(district)));
        return command;
    }

    private static int Run(IReadOnlyList<string> paths, string? gazetteerDir, string format, string? text, string? district)
    {
        if (GazetteerFolder.Load(gazetteerDir) is not { } gazetteer) return 1;

        var geocoder = new ParcelGeocoder(gazetteer);
        IReadOnlyList<GeocodedEntry> entries;
        var failed = 0;
        if (text is not null)
        {
            entries = [geocoder.GeocodeText(text, district!)];
        }
        else
        {
            (var reports, failed) = ReportFiles.Extract(paths, gazetteer.Districts);
            entries = geocoder.GeocodeAll(reports);
        }

        if (format == "table") GeocodeTable.Write(entries);
        else Console.Out.WriteLine(GeocodeGeoJson.Write(entries));
        return failed == 0 ? 0 : 1;
    }
}
