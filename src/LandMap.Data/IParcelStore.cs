using LandMap.Core.Gazetteer;
using NetTopologySuite.Geometries;

namespace LandMap.Data;

/// <summary>
/// Where LandMap keeps reports, land entries, parcels with their geometry history, key projects, indicators,
/// gazetteer features and an append-only audit log. Opening a store (<see cref="ParcelStoreFactory.OpenAsync"/>)
/// migrates its schema. Every write is one transaction: a report is stored whole or not at all.
/// Expected outcomes (unchanged report, stale version, unknown parcel) are values; infrastructure problems are
/// <see cref="StoreException"/>s whose message says what to do.
/// </summary>
public interface IParcelStore : IAsyncDisposable
{
    /// <summary>sqlite or postgis.</summary>
    string Backend { get; }

    /// <summary>The schema version after migration.</summary>
    int SchemaVersion { get; }

    /// <summary>
    /// Stores one report with its geocoded entries in one transaction. The same content hash again changes
    /// nothing; a new hash for the same district, plan year and kind supersedes the old report and carries the
    /// reviewed geometries (versions not made by the geocoder) of same-named entries over.
    /// </summary>
    Task<ImportOutcome> ImportReportAsync(ReportImport import, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores several reports in one transaction, all or none, each as <see cref="ImportReportAsync"/> would, in order
    /// (a later one may supersede an earlier one). For a city's first load: the spatial indexes are brought up to date
    /// once, after every row (SQLite builds its R*Trees again, packed, when the import is not much smaller than what is
    /// stored). <paramref name="imports"/> is read as it is stored, so it may be produced lazily; it is read again from
    /// the start when the store retries after another writer's lock.
    /// </summary>
    Task<IReadOnlyList<ImportOutcome>> ImportReportsAsync(IEnumerable<ReportImport> imports, CancellationToken cancellationToken = default);

    /// <summary>Every stored report, oldest first, superseded ones included.</summary>
    Task<IReadOnlyList<StoredReport>> ListReportsAsync(CancellationToken cancellationToken = default);

    /// <summary>The decoded text a report was imported from (lines joined by \n); null for reports stored before schema 4.</summary>
    Task<string?> GetReportTextAsync(long reportId, CancellationToken cancellationToken = default);

    /// <summary>Parcels of current (not superseded) reports matching <paramref name="query"/>.</summary>
    Task<IReadOnlyList<ParcelRecord>> QueryParcelsAsync(ParcelQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every parcel of current reports matching <paramref name="query"/> (its limit and offset ignored), read as the
    /// database returns them over one connection: for tiles and exports, which must see every match, never a page.
    /// </summary>
    IAsyncEnumerable<ParcelRecord> StreamParcelsAsync(ParcelQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <see cref="ParcelFingerprint"/> of the parcels matching <paramref name="query"/>: with a sort other than
    /// <see cref="ParcelSort.None"/>, of the first <see cref="ParcelQuery.Limit"/> in that order (what a tile keeps), else of every match.
    /// </summary>
    Task<string> FingerprintParcelsAsync(ParcelQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many parcels of current reports match <paramref name="query"/> (its limit and offset ignored).</summary>
    Task<long> CountParcelsAsync(ParcelQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The store's change counter: every committed write transaction adds one, in the same transaction. Any process
    /// on the store reads the same value, so caches keyed by it agree across servers. Read it before the data it keys.
    /// </summary>
    Task<long> GetChangeSeqAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the project stage of the current parcels of <paramref name="district"/>: the ones in
    /// <paramref name="stages"/> (public id → stage key) get theirs, every other one none.
    /// </summary>
    Task SetProjectStagesAsync(string? district, IReadOnlyDictionary<long, string> stages, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="count"/> parcels nearest to <paramref name="point"/> (WGS 84), nearest first.</summary>
    Task<IReadOnlyList<NearbyParcel>> NearestParcelsAsync(Point point, int count, CancellationToken cancellationToken = default);

    /// <summary>One parcel with every geometry version, oldest first; null when there is no such parcel.</summary>
    Task<ParcelDetail?> GetParcelAsync(long parcelId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a new geometry version when the parcel is still at <see cref="GeometryEdit.ExpectedVersion"/>;
    /// otherwise returns <see cref="SaveOutcome.Conflict"/> and writes nothing.
    /// </summary>
    Task<SaveGeometryResult> SaveGeometryAsync(GeometryEdit edit, CancellationToken cancellationToken = default);

    /// <summary>Stage events of key projects, per report (all reports when <paramref name="reportId"/> is null).</summary>
    Task<IReadOnlyList<ProjectStageEvent>> ListProjectEventsAsync(long? reportId = null, CancellationToken cancellationToken = default);

    /// <summary>Indicator values as rows, per report (all current reports when null).</summary>
    Task<IReadOnlyList<IndicatorRow>> ListIndicatorsAsync(long? reportId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored gazetteer with <paramref name="features"/> unless they are the ones already stored
    /// (same fingerprint); returns true when rows were written.
    /// </summary>
    Task<bool> SyncGazetteerAsync(IReadOnlyList<GazetteerFeature> features, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stored gazetteer features of <paramref name="kinds"/> whose envelope meets <paramref name="wgs84Box"/>, at most
    /// <paramref name="limit"/>, by name: what a printed map draws around a parcel (roads, villages) from the store alone.
    /// </summary>
    Task<IReadOnlyList<GazetteerFeature>> ListGazetteerAsync(Envelope wgs84Box, IReadOnlyCollection<PlaceKind> kinds, int limit,
        CancellationToken cancellationToken = default);

    /// <summary>Rows per table, for every table of the schema.</summary>
    Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest audit rows, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> ListAuditAsync(int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The newest audit rows about one parcel (its row id), newest first: who confirmed, edited or surveyed it, and when.</summary>
    Task<IReadOnlyList<AuditRecord>> ListParcelAuditAsync(long parcelId, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>
    /// Parcel rows this store object has read since it was opened (every query, count refinements included): how a test or
    /// an operator sees that a request read a page and not the city.
    /// </summary>
    long ParcelRowsRead => 0;

    /// <summary>True when <see cref="BackupAsync"/> can copy the store to a file.</summary>
    bool SupportsFileBackup => false;

    /// <summary>Copies the store to <paramref name="outPath"/> while it stays usable, or says how to back it up instead.</summary>
    Task<BackupResult> BackupAsync(string outPath, CancellationToken cancellationToken = default) =>
        Task.FromResult(new BackupResult(false, $"The {Backend} store cannot be copied to a file by LandMap."));
}
