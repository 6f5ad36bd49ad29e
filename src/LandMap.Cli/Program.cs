using System.CommandLine;
using LandMap.Cli;
using LandMap.Cli.Conflicts;
using LandMap.Cli.Diff;
using LandMap.Cli.Districts;
using LandMap.Cli.Extract;
using LandMap.Cli.Gazetteer;
using LandMap.Cli.Geocode;
using LandMap.Cli.Layers;
using LandMap.Cli.Render;
using LandMap.Cli.Storage;
using LandMap.Cli.Serve;
using LandMap.Cli.Sheet;
using LandMap.Cli.Tiles;
using LandMap.Cli.Users;

// The CLI is a composition root: each command lives in its own folder and calls into LandMap.Core.
var root = new RootCommand("LandMap: 从区县规划报告提取用地保障重点项目并上图 (extract land-guarantee projects from planning reports)")
{
    ExtractCommand.Create(),
    GazetteerCommand.Create(),
    DistrictsCommand.Create(),
    GeocodeCommand.Create(),
    ImportCommand.Create(),
    LayerCommand.Create(),
    ConflictsCommand.Create(),
    ExportCommand.Create(),
    BackupCommand.Create(),
    DiffCommand.Create(),
    // Until parcels are stored, render geocodes the shipped reports itself.
    RenderCommand.Create(parcels: ShippedReports.Geocode),
    SheetCommand.Create(),
    ServeCommand.Create(),
    TilesCommand.Create(),
    UserCommand.Create(),
};
var parsed = UnknownOptions.Reject(root).Parse(args);
// A usage error (with its "Did you mean …?" and the help) goes to stderr, so that a script's stdout holds results only.
return await parsed.InvokeAsync(parsed.Errors.Count > 0 ? new InvocationConfiguration { Output = Console.Error } : null);
