using Npgsql;

namespace LandMap.Tests.Shared;

/// <summary>The PostGIS server CI starts (.ci/setup.d/20-postgis.sh writes LANDMAP_TEST_PG), and throwaway schemas on it.</summary>
internal static class TestPostgis
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? ConnectionString => Environment.GetEnvironmentVariable("LANDMAP_TEST_PG") is { Length: > 0 } s ? s : null;

    private static string Server => ConnectionString
        ?? throw new InvalidOperationException("LANDMAP_TEST_PG is not set, and CI must run the PostGIS tests: .ci/setup.d/20-postgis.sh should have written it to $CI_ENV.");

    /// <summary>Creates schema <paramref name="schema"/> and returns a connection string with it first on the search path (PostGIS stays in public).</summary>
    public static async Task<string> CreateSchemaAsync(string schema)
    {
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Server) { SearchPath = $"{schema},public" }.ToString();
    }

    /// <summary>Drops <paramref name="schema"/> with everything in it, after closing pooled connections to it.</summary>
    public static async Task DropSchemaAsync(string schema)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A fact that needs the PostGIS server of LANDMAP_TEST_PG. Without it the test is skipped on a developer's machine,
/// and runs (and fails, saying why) in CI, where .ci/setup.d/20-postgis.sh must have provided it.
/// </summary>
public sealed class PostgisFactAttribute : FactAttribute
{
    public PostgisFactAttribute()
    {
        if (TestPostgis.ConnectionString is null && !TestPostgis.IsCi)
            Skip = "LANDMAP_TEST_PG is not set: run `CI_ENV=/tmp/env bash .ci/setup.d/20-postgis.sh` and export the LANDMAP_TEST_PG it writes";
    }
}
