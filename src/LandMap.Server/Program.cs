using LandMap.Server.Hosting;

// The composition (options, parcel source, tiles, problems, endpoints, page) is listed in LandMapServer.Build,
// shared with `landmap serve`.
var app = LandMapServer.Build(args);
await app.RunAsync();

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
