using System.CommandLine;
using System.Globalization;
using LandMap.Cli.Storage;
using LandMap.Tiles.Print;

namespace LandMap.Cli.Sheet;

/// <summary><c>landmap sheet --parcel ID --db DB --out FILE.pdf|.png [--paper A4|A3] [--scale 1:N] [--font FILE]</c>: a parcel's 宗地图.</summary>
internal static class SheetCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var parcel = new Option<long>("--parcel") { Description = "地块编号 (public id, 如 410403202300017)", Required = true };
        var output = new Option<string>("--out") { Description = "输出文件：.pdf 或 .png", Required = true };
        var paper = new Option<string>("--paper") { Description = "纸张：A4（默认）或 A3，纵向", DefaultValueFactory = _ => "A4" };
        var scale = new Option<string?>("--scale") { Description = "比例尺，如 1:2000；默认取能容纳地块的整数比例尺" };
        var font = new Option<string?>("--font") { Description = "含中文字形的字体文件，默认自动查找" };
        output.Validators.Add(r =>
        {
            if (PrintFormats.FromPath(r.GetValueOrDefault<string>() ?? "") is null) r.AddError("--out must end in .pdf or .png.");
        });
        paper.Validators.Add(r =>
        {
            if (Paper.ParseSize(r.GetValueOrDefault<string>()) is null) r.AddError("--paper must be A4 or A3.");
        });
        scale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && SheetScales.Parse(text) is null)
            {
                r.AddError($"--scale must be 1:N with N from {SheetScales.MinDenominator} to {SheetScales.MaxDenominator} (1:2000), not \"{text}\".");
            }
        });

        var command = new Command("sheet", "打印宗地图：地块图、界址点坐标表、面积与审核状态 (print a parcel sheet as PDF or PNG)")
        {
            db, parcel, output, paper, scale, font,
        };
        command.SetAction((parse, cancellationToken) => StoreOptions.RunAsync(parse.GetValue(db)!, async store =>
        {
            var path = parse.GetValue(output)!;
            var sheetPaper = new Paper(Paper.ParseSize(parse.GetValue(paper))!.Value);
            var fixedScale = parse.GetValue(scale) is { } text ? SheetScales.Parse(text) : null;
            var load = await ParcelSheetSource.LoadAsync(store, parse.GetValue(parcel), includeRejected: true, fixedScale, DateTime.Now, sheetPaper,
                cancellationToken);
            if (load.Data is not { } data)
            {
                Console.Error.WriteLine($"landmap: error: {load.Message} {(load.Refusal == SheetRefusal.NotFound ? "landmap export lists the parcels." : "")}".TrimEnd());
                return 1;
            }

            byte[] bytes;
            try
            {
                bytes = ParcelSheet.Render(data, PrintFormats.FromPath(path)!.Value, parse.GetValue(font));
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"landmap: error: {e.Message}");
                return 1;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"landmap: error: cannot write {path}: {e.Message}");
                return 1;
            }

            Console.Out.WriteLine($"wrote {path}: parcel {data.Parcel.PublicId} {data.Parcel.Name}, 1:{data.Scale}, {sheetPaper}, {bytes.Length:N0} bytes");
            return 0;
        }));
        return command;
    }
}
