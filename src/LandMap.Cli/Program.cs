using System.CommandLine;
using LandMap.Cli.Extract;
using LandMap.Cli.Gazetteer;

// The CLI is a composition root: each command lives in its own folder and calls into LandMap.Core.
var root = new RootCommand("LandMap: 从区县规划报告提取用地保障重点项目并上图 (extract land-guarantee projects from planning reports)")
{
    ExtractCommand.Create(),
    GazetteerCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
