using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LandMap.Server.Tests;

/// <summary>The server in memory over a fresh SQLite store filled from the shipped reports; one per test class collection.</summary>
public sealed class LandMapApplication : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-server-").FullName;

    /// <summary>The SQLite file this server uses: real, and thrown away with the factory.</summary>
    public string DatabasePath => Path.Combine(_folder, "landmap.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("LandMap:Database", DatabasePath);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<LandMapApplication>
{
    public const string Name = "api";
}
