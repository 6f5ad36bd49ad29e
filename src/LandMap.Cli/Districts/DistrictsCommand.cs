using System.CommandLine;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer.Registry;
using LandMap.Core.Layers;

namespace LandMap.Cli.Districts;

/// <summary><c>landmap districts import FILE [--gazetteer DIR] [--crs CRS] [--code-field F] [--name-field F]</c>.</summary>
internal static class DistrictsCommand
{
    public static Command Create() =>
        new("districts", "区县登记表 (district registry) commands") { CreateImport() };

    private static Command CreateImport()
    {
        var file = new Argument<string>("FILE") { Description = $"区县边界 (district outlines, one feature per district): {LayerReader.Supported}" };
        var gazetteer = new Option<string?>("--gazetteer") { Description = $"地名库目录 (gazetteer folder holding registry.csv; default {DataPaths.GazetteerSetting}, else the shipped gis-data/gazetteer)" };
        var crs = new Option<string?>("--crs") { Description = $"输入坐标系 (input CRS; GCJ02 for 高德 data, BD09 for 百度): {SourceCrs.Accepted}" };
        var codeField = new Option<string>("--code-field") { Description = "6 位区划代码字段 (6-digit division code field)", DefaultValueFactory = _ => "code" };
        var nameField = new Option<string>("--name-field") { Description = "区县名称字段 (district name field)", DefaultValueFactory = _ => "name" };

        var command = new Command("import", "添加或替换区县及其边界 (add or replace districts and their outlines, converted to WGS 84)")
        {
            file, gazetteer, crs, codeField, nameField,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (GazetteerFolder.Find(parse.GetValue(gazetteer)) is not { } folder) return 1;
            SourceCrs? sourceCrs = null;
            if (parse.GetValue(crs) is { } crsText)
            {
                var parsed = SourceCrs.Parse(crsText);
                if (!parsed.IsSuccess)
                {
                    Console.Error.WriteLine($"landmap: error: {parsed.Error!.Message}");
                    return 1;
                }
                sourceCrs = parsed.Value;
            }
            var options = new DistrictImportOptions { Crs = sourceCrs, CodeField = parse.GetValue(codeField)!, NameField = parse.GetValue(nameField)! };
            return Run(path, folder, options);
        });
        return command;
    }

    private static int Run(string path, string folder, DistrictImportOptions options)
    {
        var result = DistrictImporter.Import(path, folder, options);
        foreach (var warning in result.Warnings) Console.Error.WriteLine($"landmap: warning: {warning}");
        if (!result.IsSuccess)
        {
            Console.Error.WriteLine($"landmap: error: cannot import {Path.GetFileName(path)} ({result.Errors.Count} problem(s)); nothing was written.");
            foreach (var error in result.Errors) Console.Error.WriteLine($"  {error}");
            return 1;
        }
        foreach (var d in result.Added) Console.Out.WriteLine($"added {d} (outline in {DistrictImporter.OutlineFile})");
        foreach (var d in result.Replaced) Console.Out.WriteLine($"replaced {d} (outline in {DistrictImporter.OutlineFile})");
        Console.Out.WriteLine($"registry: {Path.Combine(folder, DistrictRegistryFile.FileName)}");
        return 0;
    }
}
