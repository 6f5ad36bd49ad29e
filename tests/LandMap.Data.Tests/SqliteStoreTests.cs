using Microsoft.Data.Sqlite;

namespace LandMap.Data.Tests;

/// <summary>The store contract on a real SQLite file in a temp folder.</summary>
public sealed partial class SqliteStoreTests : StoreContractTests
{
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(Path.Combine(TestEnvironment.TempFolder(), "landmap.db"));

    protected override async Task ExecuteRawAsync(string db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    // SQLite tests S_INTERSECTS by envelope and refines in memory: a filter whose envelope test keeps more parcels than
    // the cap is refused before they are read (an anonymous OGC request must not read a city), within a bbox answered.
    [Fact]
    public async Task ASpatialFilterLeavingTooManyParcelsIsRefusedBeforeTheWork()
    {
        var store = await OpenAsync();
        await store.ImportReportAsync(Column("卫东区", 2023, (int)FilterTooBroadException.MaxCandidates + 1));
        var everything = Core.Filtering.CqlParser.Parse("NOT S_INTERSECTS(geometry, POINT(0 0))", ParcelFilterFields.Schema).Expression!;

        var refused = await Assert.ThrowsAsync<FilterTooBroadException>(() => store.CountParcelsAsync(new ParcelQuery { Filter = everything }));
        await Assert.ThrowsAsync<FilterTooBroadException>(() => store.QueryParcelsAsync(new ParcelQuery { Filter = everything, Limit = 10 }));

        Assert.Equal(FilterTooBroadException.MaxCandidates + 1, refused.Candidates);
        var box = new NetTopologySuite.Geometries.Envelope(113.20, 113.2035, 33.60, 33.6005);
        Assert.Equal(2, await store.CountParcelsAsync(new ParcelQuery { Filter = everything, BoundingBox = box }));
    }

    [Fact] public Task MigratesFreshStoreAndReopens() => CheckMigratesFreshStoreAndReopens();
    [Fact] public Task ReviewStatusesCommentsAndQueue() => CheckReviewStatusesCommentsAndQueue();
    [Fact] public Task ReviewedGeometryConflictIsAudited() => CheckReviewedGeometryConflictIsAudited();
    [Fact] public Task UsersAndSettings() => CheckUsersAndSettings();
    [Fact] public Task SessionGenerationMovesOnLogoutPasswordAndRoleChange() => CheckSessionGenerationMovesOnLogoutPasswordAndRoleChange();
    [Fact] public Task LinkDecisionsAreKeptOnePartnerEachAndAudited() => CheckLinkDecisionsAreKeptOnePartnerEachAndAudited();
    [Fact] public Task Schema2StoreUpgradesKeepingItsRows() => CheckSchema2StoreUpgradesKeepingItsRows();
    [Fact] public Task LongColumnsOfTwoDistrictsGetDistinctPublicIds() => CheckLongColumnsOfTwoDistrictsGetDistinctPublicIds();
    [Fact] public Task OneTransactionStoresWhatOneByOneStores() => CheckOneTransactionStoresWhatOneByOneStores();
    [Fact] public Task SeveralReportsImportAllOrNone() => CheckSeveralReportsImportAllOrNone();
    [Fact] public Task OneTransactionThatCannotStoreAReportStoresNone() => CheckOneTransactionThatCannotStoreAReportStoresNone();
    [Fact] public Task NewEditionKeepsPublicIdsAndOnlyCurrentParcelsAnswer() => CheckNewEditionKeepsPublicIdsAndOnlyCurrentParcelsAnswer();
    [Fact] public Task SecondCurrentColumnWithTheSameIdsIsRefusedWhole() => CheckSecondCurrentColumnWithTheSameIdsIsRefusedWhole();
    [Fact] public Task StoredFieldsFilterInTheStore() => CheckStoredFieldsFilterInTheStore();
    [Fact] public Task EveryWriteMovesTheChangeCounter() => CheckEveryWriteMovesTheChangeCounter();
    [Fact] public Task TheLargestOfABoxAreExactlyTheLargest() => CheckTheLargestOfABoxAreExactlyTheLargest();
    [Fact] public Task Schema4StoreUpgradesWithPublicIdsAndLandUse() => CheckSchema4StoreUpgradesWithPublicIdsAndLandUse();
    [Fact] public Task Schema10StoreMovesParcelsFromGcj02ButNotLayers() => CheckSchema10StoreMovesParcelsFromGcj02ButNotLayers();
    [Fact] public Task StorePlacedOnAWgs84GazetteerDoesNotMove() => CheckStorePlacedOnAWgs84GazetteerDoesNotMove();
    [Fact] public Task ReportTextIsKept() => CheckReportTextIsKept();
    [Fact] public Task BulkImportStoresEveryFieldAsImported() => CheckBulkImportStoresEveryFieldAsImported();
    [Fact] public Task ImportedRowsTakeTheirIdsInMapOrder() => CheckImportedRowsTakeTheirIdsInMapOrder();
    [Fact] public Task ReviewedGeometriesOfSameNamedEntriesAreKeptEach() => CheckReviewedGeometriesOfSameNamedEntriesAreKeptEach();
    [Fact] public Task WritesAfterBulkImportContinueTheIds() => CheckWritesAfterBulkImportContinueTheIds();
    [Fact] public Task ImportingSeedsTwiceKeepsCounts() => CheckImportingSeedsTwiceKeepsCounts();
    [Fact] public Task PlanYearAndDistrictQuery() => CheckPlanYearAndDistrictQuery();
    [Fact] public Task ProjectStageFilters() => CheckProjectStageFilters();
    [Fact] public Task BoundingBoxQuery() => CheckBoundingBoxQuery();
    [Fact] public Task IntersectsQuery() => CheckIntersectsQuery();
    [Fact] public Task NearestQuery() => CheckNearestQuery();
    [Fact] public Task NearestAndAreaUseTheOriginsZone() => CheckNearestAndAreaUseTheOriginsZone();
    [Fact] public Task GeometryVersionsAndStaleEditConflict() => CheckGeometryVersionsAndStaleEditConflict();
    [Fact] public Task ChangedReportSupersedesAndKeepsReviewedGeometry() => CheckChangedReportSupersedesAndKeepsReviewedGeometry();
    [Fact] public Task AuditLogRefusesUpdateAndDelete() => CheckAuditLogRefusesUpdateAndDelete();
    [Fact] public Task FailingReportRollsBackAlone() => CheckFailingReportRollsBackAlone();
    [Fact] public Task ProjectsIndicatorsAndBackup() => CheckProjectsIndicatorsAndBackup(fileBackup: true);
    [Fact] public Task LayerImportReplacesAndSaysWhatChanged() => CheckLayerImportReplacesAndSaysWhatChanged();
    [Fact] public Task FailedLayerImportLeavesThePreviousVersion() => CheckFailedLayerImportLeavesThePreviousVersion();
    [Fact] public Task LayerFeaturesPageByBoxAndLayersGoWhole() => CheckLayerFeaturesPageByBoxAndLayersGoWhole();
    [Fact] public Task EditOffTheFarmlandClearsTheConflictAndHistoryKeepsIt() => CheckEditOffTheFarmlandClearsTheConflictAndHistoryKeepsIt();
    [Fact] public Task UrbanBoundaryAndSurveyLayersGiveOutsidePartAndComposition() => CheckUrbanBoundaryAndSurveyLayersGiveOutsidePartAndComposition();

    [Fact]
    public async Task FileIsWalWithForeignKeysAndUserVersion()
    {
        await OpenAsync();
        await using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(11L, Scalar(connection, "PRAGMA user_version"));
        Assert.Equal(11L, Scalar(connection, "SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public async Task NotADatabaseSaysWhatToDo()
    {
        await File.WriteAllTextAsync(Db, "this is a text file, not a database, and it is long enough to have a header");
        var e = await Assert.ThrowsAsync<StoreException>(() => ParcelStoreFactory.OpenAsync(Db));
        Assert.Equal(StoreErrorKind.Unavailable, e.Kind);
        Assert.Contains("--db", e.Message, StringComparison.Ordinal);
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
