using Microsoft.AspNetCore.Mvc.Testing;

namespace LandMap.Server.Tests;

/// <summary>The server in memory over the shipped reports and gazetteer; one per test class collection.</summary>
public sealed class LandMapApplication : WebApplicationFactory<Program>;

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<LandMapApplication>
{
    public const string Name = "api";
}
