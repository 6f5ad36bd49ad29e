using Npgsql;

namespace LandMap.Data.Tests;

/// <summary>
/// The store contract on the PostGIS server named by LANDMAP_TEST_PG; each test gets its own schema (first on the
/// search path, before public where PostGIS lives), dropped afterwards.
/// </summary>
[Trait("Category", "Postgis")]
public sealed class PostgisStoreTests : StoreContractTests
{
    // The test's schemas, dropped afterwards: one per store it opens.
    private readonly List<string> _schemas = [];

    protected override async Task<string> CreateDatabaseAsync()
    {
        if (TestPostgis.ConnectionString is null && !TestPostgis.IsCi) return "";
        var schema = "landmap_test_" + Guid.NewGuid().ToString("N")[..12];
        _schemas.Add(schema);
        return await TestPostgis.CreateSchemaAsync(schema);
    }

    protected override async Task ExecuteRawAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var schema in _schemas) await TestPostgis.DropSchemaAsync(schema);
    }

    [PostgisFact] public Task MigratesFreshStoreAndReopens() => CheckMigratesFreshStoreAndReopens();
    [PostgisFact] public Task ReviewStatusesCommentsAndQueue() => CheckReviewStatusesCommentsAndQueue();
    [PostgisFact] public Task ReviewedGeometryConflictIsAudited() => CheckReviewedGeometryConflictIsAudited();
    [PostgisFact] public Task UsersAndSettings() => CheckUsersAndSettings();
    [PostgisFact] public Task SessionGenerationMovesOnLogoutPasswordAndRoleChange() => CheckSessionGenerationMovesOnLogoutPasswordAndRoleChange();
    [PostgisFact] public Task LinkDecisionsAreKeptOnePartnerEachAndAudited() => CheckLinkDecisionsAreKeptOnePartnerEachAndAudited();
    [PostgisFact] public Task Schema2StoreUpgradesKeepingItsRows() => CheckSchema2StoreUpgradesKeepingItsRows();
    [PostgisFact] public Task LongColumnsOfTwoDistrictsGetDistinctPublicIds() => CheckLongColumnsOfTwoDistrictsGetDistinctPublicIds();
    [PostgisFact] public Task OneTransactionStoresWhatOneByOneStores() => CheckOneTransactionStoresWhatOneByOneStores();
    [PostgisFact] public Task SeveralReportsImportAllOrNone() => CheckSeveralReportsImportAllOrNone();
    [PostgisFact] public Task OneTransactionThatCannotStoreAReportStoresNone() => CheckOneTransactionThatCannotStoreAReportStoresNone();
    [PostgisFact] public Task NewEditionKeepsPublicIdsAndOnlyCurrentParcelsAnswer() => CheckNewEditionKeepsPublicIdsAndOnlyCurrentParcelsAnswer();
    [PostgisFact] public Task SecondCurrentColumnWithTheSameIdsIsRefusedWhole() => CheckSecondCurrentColumnWithTheSameIdsIsRefusedWhole();
    [PostgisFact] public Task StoredFieldsFilterInTheStore() => CheckStoredFieldsFilterInTheStore();
    [PostgisFact] public Task EveryWriteMovesTheChangeCounter() => CheckEveryWriteMovesTheChangeCounter();
    [PostgisFact] public Task TheLargestOfABoxAreExactlyTheLargest() => CheckTheLargestOfABoxAreExactlyTheLargest();
    [PostgisFact] public Task Schema4StoreUpgradesWithPublicIdsAndLandUse() => CheckSchema4StoreUpgradesWithPublicIdsAndLandUse();
    [PostgisFact] public Task Schema10StoreMovesParcelsFromGcj02ButNotLayers() => CheckSchema10StoreMovesParcelsFromGcj02ButNotLayers();
    [PostgisFact] public Task StorePlacedOnAWgs84GazetteerDoesNotMove() => CheckStorePlacedOnAWgs84GazetteerDoesNotMove();
    [PostgisFact] public Task ReportTextIsKept() => CheckReportTextIsKept();
    [PostgisFact] public Task BulkImportStoresEveryFieldAsImported() => CheckBulkImportStoresEveryFieldAsImported();
    [PostgisFact] public Task ImportedRowsTakeTheirIdsInMapOrder() => CheckImportedRowsTakeTheirIdsInMapOrder();
    [PostgisFact] public Task ReviewedGeometriesOfSameNamedEntriesAreKeptEach() => CheckReviewedGeometriesOfSameNamedEntriesAreKeptEach();
    [PostgisFact] public Task WritesAfterBulkImportContinueTheIds() => CheckWritesAfterBulkImportContinueTheIds();
    [PostgisFact] public Task ImportingSeedsTwiceKeepsCounts() => CheckImportingSeedsTwiceKeepsCounts();
    [PostgisFact] public Task PlanYearAndDistrictQuery() => CheckPlanYearAndDistrictQuery();
    [PostgisFact] public Task ProjectStageFilters() => CheckProjectStageFilters();
    [PostgisFact] public Task BoundingBoxQuery() => CheckBoundingBoxQuery();
    [PostgisFact] public Task IntersectsQuery() => CheckIntersectsQuery();
    [PostgisFact] public Task NearestQuery() => CheckNearestQuery();
    [PostgisFact] public Task NearestAndAreaUseTheOriginsZone() => CheckNearestAndAreaUseTheOriginsZone();
    [PostgisFact] public Task GeometryVersionsAndStaleEditConflict() => CheckGeometryVersionsAndStaleEditConflict();
    [PostgisFact] public Task ChangedReportSupersedesAndKeepsReviewedGeometry() => CheckChangedReportSupersedesAndKeepsReviewedGeometry();
    [PostgisFact] public Task AuditLogRefusesUpdateAndDelete() => CheckAuditLogRefusesUpdateAndDelete();
    [PostgisFact] public Task FailingReportRollsBackAlone() => CheckFailingReportRollsBackAlone();
    [PostgisFact] public Task ProjectsIndicatorsAndBackup() => CheckProjectsIndicatorsAndBackup(fileBackup: false);
    [PostgisFact] public Task LayerImportReplacesAndSaysWhatChanged() => CheckLayerImportReplacesAndSaysWhatChanged();
    [PostgisFact] public Task FailedLayerImportLeavesThePreviousVersion() => CheckFailedLayerImportLeavesThePreviousVersion();
    [PostgisFact] public Task LayerFeaturesPageByBoxAndLayersGoWhole() => CheckLayerFeaturesPageByBoxAndLayersGoWhole();
    [PostgisFact] public Task EditOffTheFarmlandClearsTheConflictAndHistoryKeepsIt() => CheckEditOffTheFarmlandClearsTheConflictAndHistoryKeepsIt();
    [PostgisFact] public Task UrbanBoundaryAndSurveyLayersGiveOutsidePartAndComposition() => CheckUrbanBoundaryAndSurveyLayersGiveOutsidePartAndComposition();

    [PostgisFact]
    public async Task GeometryColumnsAreSrid4326WithGistIndexes()
    {
        await OpenAsync();
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var srid = new NpgsqlCommand("SELECT Find_SRID(@s, 'parcel_geometries', 'geom')", connection);
        srid.Parameters.AddWithValue("s", _schemas[0]);
        Assert.Equal(4326, await srid.ExecuteScalarAsync());
        await using var gist = new NpgsqlCommand("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = @s AND indexdef LIKE '%USING gist%'", connection);
        gist.Parameters.AddWithValue("s", _schemas[0]);
        // Parcels, gazetteer and layer features, and one partial index of the outlines above each overview floor.
        Assert.Equal(3L + LandMap.Data.Postgis.PostgisSchema.OverviewFloors.Length, await gist.ExecuteScalarAsync());
    }
}
