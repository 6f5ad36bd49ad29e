namespace LandMap.Server.Tests;

/// <summary>
/// A fact that needs the PostGIS server of LANDMAP_TEST_PG. Without it the test is skipped on a developer's machine,
/// and runs (and fails, saying why) in CI, where .ci/setup.d/20-postgis.sh must have provided it.
/// </summary>
public sealed class PostgisFactAttribute : FactAttribute
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("LANDMAP_TEST_PG") is { Length: > 0 } s ? s : null;

    public PostgisFactAttribute()
    {
        if (ConnectionString is null && !Tools.InCi)
            Skip = "LANDMAP_TEST_PG is not set: run `CI_ENV=/tmp/env bash .ci/setup.d/20-postgis.sh` and export the LANDMAP_TEST_PG it writes";
    }
}
