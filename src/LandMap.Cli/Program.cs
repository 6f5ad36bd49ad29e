using System.CommandLine;
using LandMap.Cli.Extract;
using LandMap.Cli.Render;

// The CLI is a composition root: each command lives in its own folder and calls into LandMap.Core.
var root = new RootCommand("LandMap: 从区县规划报告提取用地保障重点项目并上图 (extract land-guarantee projects from planning reports)")
{
    ExtractCommand.Create(),
    RenderCommand.Create(parcels: null), // the geocoder plugs in here: gazetteer => its entries
};
return await root.Parse(args).InvokeAsync();
