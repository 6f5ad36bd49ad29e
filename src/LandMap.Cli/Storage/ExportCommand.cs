using System.CommandLine;
using LandMap.Core.Crs;
using LandMap.Data.Export;

namespace LandMap.Cli.Storage;

/// <summary><c>landmap export --db DB --format geojson|gpkg|shp|csv|xlsx --out PATH [--plan-year Y] [--district D] [--crs WGS84|GCJ02|BD09]</c>.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var format = new Option<string>("--format") { Description = "geojson | gpkg | shp | csv | xlsx", Required = true };
        format.AcceptOnlyFromAmong("geojson", "gpkg", "shp", "csv", "xlsx");
        var output = new Option<string>("--out") { Description = "输出文件", Required = true };
        var planYear = new Option<int?>("--plan-year") { Description = "只导出该计划年度" };
        var district = new Option<string?>("--district") { Description = "只导出该区县，如 卫东区" };
        var crs = new Option<string>("--crs")
        {
            Description = "坐标系 (datum of the coordinates written): WGS84 (default; = CGCS2000), GCJ02 (高德、腾讯), BD09 (百度)",
            DefaultValueFactory = _ => "WGS84",
        };
        crs.Validators.Add(result =>
        {
            if (OutputDatums.Parse(result.GetValueOrDefault<string>()) is null)
                result.AddError($"--crs '{result.GetValueOrDefault<string>()}' is not one of {OutputDatums.Accepted}.");
        });
        var command = new Command("export", "导出地块及属性 (export parcels for GIS tools and spreadsheets)") { db, format, output, planYear, district, crs };
        command.SetAction((parse, _) => StoreOptions.RunAsync(parse.GetValue(db)!, async store =>
        {
            var datum = OutputDatums.Parse(parse.GetValue(crs))!.Value;
            var result = await ParcelExporter.ExportAsync(store, ParcelExporter.ParseFormat(parse.GetValue(format)!)!.Value, parse.GetValue(output)!,
                parse.GetValue(planYear), parse.GetValue(district), datum: datum);
            Console.Out.WriteLine($"export format={parse.GetValue(format)} crs={datum.Name().Replace(" ", "", StringComparison.Ordinal)} parcels={result.Parcels} files={string.Join(',', result.Files)}");
            foreach (var note in result.Notes) Console.Error.WriteLine($"landmap: note: {note}");
            return 0;
        }));
        return command;
    }
}
