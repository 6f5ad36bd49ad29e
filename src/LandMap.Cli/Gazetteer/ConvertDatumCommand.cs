using System.CommandLine;
using System.Globalization;
using System.Text;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;

namespace LandMap.Cli.Gazetteer;

/// <summary>
/// <c>landmap gazetteer convert-datum FILE… --from GCJ02|BD09 (--out DIR | --in-place)</c>: rewrites GeoJSON files drawn in
/// a Chinese web datum (高德/腾讯 GCJ-02, 百度 BD-09) as WGS 84, keeping everything but the coordinates byte for byte.
/// Every file is checked before any is written, so a bad file leaves all of them as they were.
/// </summary>
internal static class ConvertDatumCommand
{

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "GeoJSON 文件 (GeoJSON files) in the --from datum", Arity = ArgumentArity.OneOrMore };
        var from = new Option<string>("--from") { Description = "文件的坐标系 (the files' datum): GCJ02 (高德、腾讯) or BD09 (百度)", Required = true };
        var output = new Option<string?>("--out") { Description = "输出目录 (write the converted files here, same names)" };
        var inPlace = new Option<bool>("--in-place") { Description = "覆盖原文件 (overwrite the files; converting twice shifts twice)" };
        var command = new Command("convert-datum", "坐标系转换为 WGS 84 (convert GeoJSON files from GCJ-02/BD-09 to WGS 84, properties untouched)")
        {
            files, from, output, inPlace,
        };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(from)!, parse.GetValue(output), parse.GetValue(inPlace)));
        return command;
    }

    /// <returns>0 when every file was converted, 1 when none was written.</returns>
    public static int Run(IReadOnlyList<string> files, string from, string? outDir, bool inPlace)
    {
        var datum = SourceCrs.Parse(from) is { IsSuccess: true, Value.Web: WebDatum.Gcj02 or WebDatum.Bd09 } parsed ? parsed.Value.Web : null;
        if (datum is null)
            return Error($"--from '{from}' must be GCJ02 or BD09 (files in WGS 84 or CGCS2000 need no conversion; projected files are imported with landmap gazetteer import --crs).");
        if ((outDir is null) == !inPlace)
            return Error("pass either --out DIR (write converted copies) or --in-place (overwrite the files).");
        if (outDir is not null && !Directory.Exists(outDir))
            return Error($"--out {outDir} does not exist; create it first.");

        var converted = new List<(string Target, string Text, GeoJsonDatumConversion Result)>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file, Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Error($"{file}: cannot read: {e.Message}; nothing was written.");
            }
            var result = GeoJsonDatumConverter.ToWgs84(text, datum.Value);
            if (!result.IsSuccess) return Error($"{file}: {result.Problem} Nothing was written.");
            var target = outDir is null ? file : Path.Combine(outDir, Path.GetFileName(file));
            if (outDir is not null && Path.GetFullPath(target) == Path.GetFullPath(file))
                return Error($"--out {outDir} is the folder of {file}; use --in-place to overwrite. Nothing was written.");
            converted.Add((target, result.Text!, result));
        }

        if (WriteAll(converted.Select(c => (c.Target, c.Text)).ToList()) is { } failure) return Error(failure);
        foreach (var (target, _, result) in converted)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{target}: {result.Positions} 个坐标 (positions) {datum.Value.ToString().ToUpperInvariant()} → WGS 84, 平均位移 (mean shift) {result.MeanShiftM:F1} m"));
        }
        return 0;
    }

    // All files or none: with --in-place a file converted twice is shifted twice, so a half-done run must not stay.
    private static string? WriteAll(IReadOnlyList<(string Target, string Text)> files)
    {
        using var set = new FileSet();
        try
        {
            foreach (var (target, text) in files) set.Stage(target, text);
            set.Commit();
            return null;
        }
        catch (IOException e)
        {
            return $"{e.Message}; nothing was written.";
        }
    }

    private static int Error(string message)
    {
        Console.Error.WriteLine($"landmap: error: {message}");
        return 1;
    }
}
