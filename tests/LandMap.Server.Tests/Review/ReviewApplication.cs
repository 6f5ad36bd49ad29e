using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LandMap.Data;
using LandMap.Data.Review;
using LandMap.Server.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LandMap.Server.Tests.Review;

/// <summary>
/// The server over a real, fresh SQLite file with one account per role (and a second reviewer). Login and write limits
/// are raised and the failed-login delay removed, so the suites can send many requests; <see cref="RateLimitTests"/>
/// checks the limits themselves.
/// </summary>
public sealed class ReviewApplication : WebApplicationFactory<Program>
{
    public const string Password = "correct-horse-battery-staple";
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-review-").FullName;
    private readonly SemaphoreSlim _seed = new(1, 1);
    private bool _seeded;

    public string DatabasePath => Path.Combine(_folder, "landmap.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LandMap:Database", DatabasePath);
        builder.UseSetting("LandMap:Access:LoginsPerMinute", "100000");
        builder.UseSetting("LandMap:Access:WritesPerMinute", "1000000");
        builder.UseSetting("LandMap:Access:FailedLoginDelayMs", "0");
    }

    /// <summary>A client signed in with a bearer token as the account <paramref name="user"/> (viewer, reviewer, reviewer2, admin).</summary>
    public async Task<HttpClient> ClientAsync(string? user = null)
    {
        await SeedAsync();
        var client = CreateClient();
        if (user is null) return client;
        var response = await client.PostAsJsonAsync("/api/auth/token", new { user, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Opens the store beside the server (as a second process would) to look at rows directly.</summary>
    public async Task<T> WithStoreAsync<T>(Func<IParcelStore, Task<T>> work)
    {
        await using var store = await ParcelStoreFactory.OpenAsync(DatabasePath);
        return await work(store);
    }

    /// <summary>Rows per table and every parcel's version: what must not change when input is refused.</summary>
    public Task<string> FingerprintAsync() => WithStoreAsync(async store =>
    {
        var counts = await store.CountRowsAsync();
        var states = await IReviewStore.Of(store).ListReviewStatesAsync();
        var text = new StringBuilder();
        foreach (var (table, rows) in counts.OrderBy(c => c.Key)) text.Append(table).Append('=').Append(rows).Append(' ');
        foreach (var s in states) text.Append(s.ParcelId).Append(':').Append(s.Version).Append(s.Status[0]).Append(' ');
        return text.ToString();
    });

    private async Task SeedAsync()
    {
        await _seed.WaitAsync();
        try
        {
            if (_seeded) return;
            // Starting the server fills the store from the shipped reports; then the accounts are added as `landmap user add` does.
            using var client = CreateClient();
            (await client.GetAsync("/api/parcels")).EnsureSuccessStatusCode();
            var hash = Passwords.Hash(Password);
            await WithStoreAsync(async store =>
            {
                var users = IReviewStore.Of(store);
                foreach (var (name, role) in new[] { ("viewer", UserRole.Viewer), ("reviewer", UserRole.Reviewer), ("reviewer2", UserRole.Reviewer), ("admin", UserRole.Admin) })
                    await users.AddUserAsync(name, role, hash, "test");
                return true;
            });
            _seeded = true;
        }
        finally
        {
            _seed.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ReviewCollection : ICollectionFixture<ReviewApplication>
{
    public const string Name = "review";
}
