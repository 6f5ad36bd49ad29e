using Npgsql;

namespace LandMap.Data.Tests;

/// <summary>
/// Two stores in one PostgreSQL database migrate under separate locks: a long migration of one schema (a million parcels
/// being upgraded) holds up openers of that schema only, never another bureau's or test's store beside it.
/// </summary>
[Trait("Category", "Postgis")]
public sealed class PostgisMigrationLockTests : IAsyncLifetime
{
    private readonly string _busy = "landmap_test_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _other = "landmap_test_" + Guid.NewGuid().ToString("N")[..12];
    private string _busyDb = "";
    private string _otherDb = "";

    public async Task InitializeAsync()
    {
        if (TestPostgis.ConnectionString is null && !TestPostgis.IsCi) return;
        _busyDb = await TestPostgis.CreateSchemaAsync(_busy);
        _otherDb = await TestPostgis.CreateSchemaAsync(_other);
    }

    public async Task DisposeAsync()
    {
        if (_busyDb.Length == 0) return;
        await TestPostgis.DropSchemaAsync(_busy);
        await TestPostgis.DropSchemaAsync(_other);
    }

    [PostgisFact]
    public async Task AMigrationOfOneSchemaHoldsUpThatSchemaOnly()
    {
        // A migration of the busy schema in progress: its lock, taken as the store takes it, in an open transaction.
        await using var migrating = new NpgsqlConnection(_busyDb);
        await migrating.OpenAsync();
        await using var transaction = await migrating.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7240311, hashtext(current_schema()))", migrating, transaction))
            await take.ExecuteNonQueryAsync();

        await using (var other = await ParcelStoreFactory.OpenAsync(_otherDb).WaitAsync(TimeSpan.FromSeconds(30)))
            Assert.True(other.SchemaVersion > 0);
        var busy = ParcelStoreFactory.OpenAsync(_busyDb);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(busy.IsCompleted, "an opener of the schema being migrated must wait for the migration");

        await transaction.RollbackAsync();
        await using var opened = await busy.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(opened.SchemaVersion > 0);
    }
}
