using System.CommandLine;
using System.Globalization;
using LandMap.Cli.Storage;
using LandMap.Core.Layers;
using LandMap.Data.Layers;

namespace LandMap.Cli.Layers;

/// <summary><c>landmap layer import|list|remove</c>: the bureau's own layers (cadastre, 三调, 三区三线) in the store.</summary>
internal static class LayerCommand
{
    public static Command Create() =>
        new("layer", "自然资源局图层：地籍、三调、永久基本农田、三区三线 (the bureau's layers)") { CreateImport(), CreateList(), CreateRemove() };

    private static Command CreateImport()
    {
        var file = new Argument<string>("FILE") { Description = $"图层文件 (layer file): {LayerReader.Supported}" };
        var name = new Option<string>("--name") { Description = "图层名称，唯一；同名图层被替换 (unique layer name; replaces a layer of that name)", Required = true };
        var kind = new Option<string>("--kind") { Description = $"图层类型 (kind): {LayerKinds.Names}", Required = true };
        var crs = new Option<string?>("--crs") { Description = $"坐标系，覆盖文件声明 (CRS, overrides the file's): {Core.Crs.SourceCrs.Accepted}" };
        var layer = new Option<string?>("--layer") { Description = "GeoPackage 表 / zip 内 Shapefile / .gdb 图层 (table or layer to read when there are several)" };
        var encoding = new Option<string?>("--encoding") { Description = "属性编码，无 .cpg 时使用 (DBF encoding without a .cpg; default: UTF-8 if the text is UTF-8, else GBK)" };
        var towgs84 = new Option<string?>("--towgs84")
        {
            Description = "西安80/北京54 七参数 (the bureau's 7 parameters to CGCS2000): dx,dy,dz,rx,ry,rz,ds in metres, arc-seconds, ppm; position vector as PROJ +towgs84",
        };
        var convention = new Option<string>("--towgs84-convention")
        {
            Description = "七参数旋转约定 (rotation convention): position-vector (PROJ, WKT TOWGS84) or coordinate-frame (ArcGIS)",
            DefaultValueFactory = _ => "position-vector",
        };
        var db = StoreOptions.Db();
        var command = new Command("import", "导入图层，每个图层一个事务 (import a layer in one transaction)") { file, name, kind, crs, layer, encoding, towgs84, convention, db };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var options = LayerArguments.ToOptions(parse.GetValue(kind)!, parse.GetValue(crs), parse.GetValue(layer), parse.GetValue(encoding),
                parse.GetValue(towgs84), parse.GetValue(convention)!, out var error);
            var layerName = parse.GetValue(name)!;
            if (options is null || LayerArguments.CheckName(layerName) is { } badName)
            {
                Console.Error.WriteLine($"landmap: error: {Path.GetFileName(path)}: {error ?? LayerArguments.CheckName(layerName)}");
                return Task.FromResult(1);
            }
            return StoreOptions.RunAsync(parse.GetValue(db)!, store => LayerImportRun.RunAsync(ILayerStore.Of(store), path, layerName, options, ct), create: true);
        });
        return command;
    }

    private static Command CreateList()
    {
        var db = StoreOptions.Db();
        var command = new Command("list", "列出图层 (list layers)") { db };
        command.SetAction(parse => StoreOptions.RunAsync(parse.GetValue(db)!, async store =>
        {
            var layers = await ILayerStore.Of(store).ListLayersAsync();
            foreach (var l in layers)
            {
                var extent = l.Extent is { } e ? string.Create(CultureInfo.InvariantCulture, $"{e.MinX:0.######},{e.MinY:0.######},{e.MaxX:0.######},{e.MaxY:0.######}") : "-";
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"layer name={l.Name} kind={l.Kind.Name()} features={l.FeatureCount} repaired={l.RepairedCount} crs={l.SourceCrs} area_crs={l.AreaCrs} " +
                    $"extent_wgs84={extent} fields={l.Fields.Count} file={l.SourceFile} imported_at={l.ImportedAt:yyyy-MM-ddTHH:mm:ssZ} by={l.ImportedBy}"));
            }
            if (layers.Count == 0) Console.Error.WriteLine("landmap: no layers in the store; add one with `landmap layer import FILE --name NAME --kind KIND`.");
            return 0;
        }));
        return command;
    }

    private static Command CreateRemove()
    {
        var name = new Argument<string>("NAME") { Description = "图层名称 (layer name)" };
        var db = StoreOptions.Db();
        var command = new Command("remove", "删除图层及其要素 (remove a layer and its features)") { name, db };
        command.SetAction(parse => StoreOptions.RunAsync(parse.GetValue(db)!, async store =>
        {
            var layerName = parse.GetValue(name)!;
            if (await ILayerStore.Of(store).RemoveLayerAsync(layerName, LayerImportRun.Actor))
            {
                Console.Out.WriteLine($"layer removed name={layerName}");
                return 0;
            }
            Console.Error.WriteLine($"landmap: error: there is no layer '{layerName}'; `landmap layer list` shows the layers.");
            return 1;
        }));
        return command;
    }
}
