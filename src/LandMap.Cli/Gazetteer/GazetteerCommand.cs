using System.CommandLine;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;

namespace LandMap.Cli.Gazetteer;

/// <summary><c>landmap gazetteer import FILE [options]</c>: replace sketched gazetteer features with authoritative data.</summary>
internal static class GazetteerCommand
{
    public static Command Create() =>
        new("gazetteer", "地名库 (gazetteer) commands") { CreateImport(), ConvertDatumCommand.Create() };

    private static Command CreateImport()
    {
        var file = new Argument<string>("FILE") { Description = $"权威图层 (authoritative layer): {GazetteerSources.Supported}" };
        var gazetteer = new Option<string?>("--gazetteer") { Description = $"地名库目录 (gazetteer folder; default {DataPaths.GazetteerSetting}, else the shipped gis-data/gazetteer; never created)" };
        var crs = new Option<string?>("--crs") { Description = "输入坐标系, e.g. EPSG:4547, GCJ02 (高德、腾讯), BD09 (百度); needed for a Shapefile without .prj, overrides the file's CRS" };
        var datumShifts = new Option<string[]>("--datum-shift")
        {
            Description = "西安80/北京54 转换参数 (from the bureau): DATUM,dx,dy,dz,rx,ry,rz,ds,CONVENTION — DATUM xian1980|beijing1954, " +
                "metres / arc-seconds / ppm, CONVENTION position-vector|coordinate-frame",
            AllowMultipleArgumentsPerToken = false,
        };
        var layer = new Option<string?>("--layer") { Description = "GeoPackage table or zipped Shapefile stem to read (default: all)" };
        var nameField = new Option<string?>("--name-field") { Description = "名称字段 (default: name/NAME/名称/MC/Name)" };
        var aliasField = new Option<string?>("--alias-field") { Description = "别名字段, split on 、,;| (default: aliases)" };
        var kind = new Option<string?>("--kind") { Description = "固定类型 for every feature: road, railway, river, canal, village, community, landmark, park, boundary, district" };
        var kindField = new Option<string?>("--kind-field") { Description = "类型字段 (road/道路/村庄...; default: kind)" };
        var district = new Option<string?>("--district") { Description = "固定区县 for every feature (卫东区)" };
        var districtField = new Option<string?>("--district-field") { Description = "区县字段 (default: district)" };
        var precision = new Option<double>("--precision") { Description = "精度 in metres", DefaultValueFactory = _ => 5 };
        var source = new Option<string?>("--source") { Description = "来源 text (default: \"import: <file name>\")" };
        var dryRun = new Option<bool>("--dry-run") { Description = "check and summarize only; write nothing" };

        var command = new Command("import", "导入权威图层, replacing sketch features with the same name, kind and district")
        {
            file, gazetteer, crs, datumShifts, layer, nameField, aliasField, kind, kindField, district, districtField, precision, source, dryRun,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (GazetteerFolder.Find(parse.GetValue(gazetteer)) is not { } folder) return 1;
            var options = ImportArguments.ToOptions(new ImportArguments.Raw(
                folder, parse.GetValue(crs), parse.GetValue(datumShifts) ?? [], parse.GetValue(layer),
                parse.GetValue(nameField), parse.GetValue(aliasField), parse.GetValue(kind), parse.GetValue(kindField),
                parse.GetValue(district), parse.GetValue(districtField), parse.GetValue(precision), parse.GetValue(source)), out var error);
            if (options is null)
            {
                Console.Error.WriteLine($"landmap: error: {Path.GetFileName(path)}: {error}");
                return 1;
            }

            return Run(path, options, parse.GetValue(dryRun));
        });
        return command;
    }

    /// <summary>Imports (or checks) one file and prints the summary.</summary>
    /// <returns>0 on success, 1 when the import failed and nothing was written.</returns>
    public static int Run(string path, GazetteerImportOptions options, bool dryRun)
    {
        var importer = new GazetteerImporter(options);
        var result = ImportProgressBar.Run(path, progress => dryRun ? importer.Read(path, progress) : importer.Import(path, progress));
        foreach (var warning in result.Warnings)
        {
            Console.Error.WriteLine($"landmap: warning: {warning}");
        }

        if (!result.IsSuccess)
        {
            var count = result.Problems.Count + result.OmittedProblems;
            Console.Error.WriteLine($"landmap: error: cannot import {result.File} ({count} problem(s)); nothing was written.");
            foreach (var problem in result.Problems)
            {
                Console.Error.WriteLine($"  {problem}");
            }

            if (result.OmittedProblems > 0)
            {
                Console.Error.WriteLine($"  … and {result.OmittedProblems} more");
            }

            return 1;
        }

        ImportSummary.Write(result, dryRun);
        return 0;
    }
}
