using System.Globalization;
using System.Data.Common;
using LandMap.Data.Sql;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Data.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with foreign keys on and a busy timeout, geometries as WKB with
/// an R*Tree on their envelopes. Spatial filters use the R*Tree and are refined with NetTopologySuite in memory.
/// </summary>
// Lists IParcelStore again so that its backup members replace the interface's defaults.
public sealed partial class SqliteParcelStore : SqlParcelStore, IParcelStore
{
    private const int BusyTimeoutMs = 10_000;
    private static readonly NetTopologySuite.NtsGeometryServices Wgs84 = new(new PrecisionModel(), 4326);
    private readonly string _connectionString;

    /// <summary>A store on the file of <paramref name="connectionString"/> (a "Data Source=…" string); call through <see cref="ParcelStoreFactory"/>.</summary>
    internal SqliteParcelStore(string connectionString, string displayName)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, DefaultTimeout = BusyTimeoutMs / 1000, Pooling = true };
        _connectionString = builder.ToString();
        DisplayName = displayName;
    }

    /// <summary>The database file as the user named it, for messages.</summary>
    public string DisplayName { get; }

    /// <inheritdoc />
    public override string Backend => "sqlite";

    /// <inheritdoc />
    public bool SupportsFileBackup => true;

    /// <inheritdoc />
    protected override IReadOnlyList<Migration> Migrations => SqliteSchema.Migrations;

    /// <inheritdoc />
    protected override string SchemaExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";

    /// <inheritdoc />
    protected override string StoreName => DisplayName;

    /// <inheritdoc />
    protected override DbConnection NewConnection() => new SqliteConnection(_connectionString);

    /// <inheritdoc />
    protected override async Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets readers run beside a writer, and a killed writer leaves only an uncommitted tail that the next
        // open discards. synchronous=NORMAL is still durable against a killed process (only power loss may drop the
        // last commits), at a fraction of FULL's fsyncs.
        // cache_size and wal_autocheckpoint are SQLite's defaults, set again because a pooled connection may come back from a bulk write.
        await Command(connection, null,
                $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; " +
                $"PRAGMA cache_size = {DefaultCacheKib}; PRAGMA wal_autocheckpoint = {DefaultAutocheckpointPages}")
            .ExecuteNonQueryAsync(cancellationToken);
    }

    // SQLite's default page cache (2 MiB, as a negative KiB count) and the one for a bulk write.
    private const int DefaultCacheKib = -2000;
    private const int BulkCacheKib = -65536;

    // SQLite's default: a commit that leaves more than 1,000 pages (4 MiB) in the WAL copies them into the database file.
    private const int DefaultAutocheckpointPages = 1000;

    /// <summary>
    /// The WAL a bulk write's commit leaves before it checkpoints (64 MiB of 4 KiB pages). A report's transaction rewrites
    /// the same index and R*Tree pages as the report before it: checkpointing every few reports instead of after each one
    /// copies each such page once (the commits of a 1M-parcel city: docs/benchmarks.md, City scale). Durability is the
    /// WAL's either way: a committed import is in it, and a reopen after a crash reads it.
    /// </summary>
    internal const int BulkAutocheckpointPages = 16384;

    /// <inheritdoc />
    // A million-feature layer maintains its key index and R*Tree far beyond 2 MiB of pages; 64 MiB keeps the hot ones.
    protected override async Task PrepareBulkWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await Command(connection, null, $"PRAGMA cache_size = {BulkCacheKib}; PRAGMA wal_autocheckpoint = {BulkAutocheckpointPages}")
            .ExecuteNonQueryAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task AfterMigrationsAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken) =>
        // PRAGMA takes no parameters; the value is the store's own integer.
        await Command(connection, transaction, $"PRAGMA user_version = {version:D}").ExecuteNonQueryAsync(cancellationToken);

    /// <inheritdoc />
    protected override string GeometryColumns => "geom, min_x, min_y, max_x, max_y";

    /// <inheritdoc />
    protected override string GeometryValues(string name) => $"@{name}, @{name}_min_x, @{name}_min_y, @{name}_max_x, @{name}_max_y";

    /// <inheritdoc />
    protected override void BindGeometry(DbCommand command, string name, Geometry? geometry)
    {
        var envelope = geometry?.EnvelopeInternal;
        Set(command, name, geometry is null ? null : new WKBWriter().Write(geometry));
        Set(command, name + "_min_x", envelope?.MinX);
        Set(command, name + "_min_y", envelope?.MinY);
        Set(command, name + "_max_x", envelope?.MaxX);
        Set(command, name + "_max_y", envelope?.MaxY);
    }

    /// <inheritdoc />
    protected override Geometry? ReadGeometry(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal)) return null;
        var geometry = new WKBReader(Wgs84).Read((byte[])reader.GetValue(ordinal));
        geometry.SRID = 4326;
        return geometry;
    }

    /// <inheritdoc />
    /// <remarks>No index: a gazetteer holds a city's named places, thousands of rows, scanned in a millisecond.</remarks>
    protected override string GazetteerBoxFilterSql => "max_x >= @bb_min_x AND min_x <= @bb_max_x AND max_y >= @bb_min_y AND min_y <= @bb_max_y";

    /// <inheritdoc />
    // The R*Tree keeps float32 boxes rounded outwards; the envelope columns make the test exact in SQL, so counts and pages need no refinement.
    protected override string BoxFilterSql =>
        "g.id IN (SELECT id FROM parcel_geometry_rtree WHERE max_x >= @bb_min_x AND min_x <= @bb_max_x AND max_y >= @bb_min_y AND min_y <= @bb_max_y)" +
        " AND g.max_x >= @bb_min_x AND g.min_x <= @bb_max_x AND g.max_y >= @bb_min_y AND g.min_y <= @bb_max_y";

    /// <inheritdoc />
    // The R*Tree rounds its float32 bounds outwards, so max_a only narrows; the exact test on g.area_mu_computed stays.
    protected override string BoxAndAreaFilterSql(double floor) =>
        "g.id IN (SELECT id FROM parcel_area_rtree WHERE max_x >= @bb_min_x AND min_x <= @bb_max_x AND max_y >= @bb_min_y AND min_y <= @bb_max_y" +
        " AND max_a >= @outline_floor) AND g.area_mu_computed >= @outline_floor" +
        " AND g.max_x >= @bb_min_x AND g.min_x <= @bb_max_x AND g.max_y >= @bb_min_y AND g.min_y <= @bb_max_y";

    // Floors in 亩 to try for "the largest parcels of a box", a factor of about 2.5 apart: each count reads only the
    // index entries above it, and the first one holding Limit entries leaves little to rank.
    private static readonly double[] LargestFirstFloors = [1000, 400, 160, 64, 25, 10, 4, 1.6, 0.64, 0.25, 0.1];

    /// <inheritdoc />
    /// <remarks>
    /// The R*Tree counts every version of every parcel in the box (rejected, superseded, old versions too), so a floor it
    /// finds may still yield fewer than Limit parcels; the caller then tries the next, lower, floor, and at last none.
    /// </remarks>
    private protected override async Task<IReadOnlyList<double>> LargestFirstFloorsAsync(DbConnection c, ParcelQuery query, CancellationToken ct)
    {
        var box = query.BoundingBox!;
        for (var i = 0; i < LargestFirstFloors.Length; i++)
        {
            if (LargestFirstFloors[i] <= (query.MinAreaMuComputed ?? 0)) break;
            var count = Convert.ToInt64(await Command(c, null,
                "SELECT count(*) FROM parcel_area_rtree WHERE max_x >= @bb_min_x AND min_x <= @bb_max_x AND max_y >= @bb_min_y AND min_y <= @bb_max_y AND max_a >= @floor",
                [.. BoxParameters(box), ("floor", LargestFirstFloors[i])]).ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            if (count >= query.Limit) return LargestFirstFloors[i..];
        }
        return [];
    }

    /// <inheritdoc />
    protected override string IntersectsFilterSql => BoxFilterSql;

    /// <inheritdoc />
    protected override bool IntersectsIsExact => false;

    /// <inheritdoc />
    // SQLite's LIKE ignores ASCII case; GLOB is case-sensitive, as CQL2's LIKE is.
    protected override string CqlLikeSql(string column, string parameter) => $"{column} GLOB {parameter}";

    /// <inheritdoc />
    protected override string CqlLikeValue(string pattern) => Core.Filtering.CqlLikePattern.ToGlob(pattern);

    /// <inheritdoc />
    /// <remarks>
    /// The transaction inserted its report row already, so it holds SQLite's only write lock: nobody else can insert
    /// until it ends, and max + 1 is the id SQLite itself would have chosen.
    /// </remarks>
    private protected override async Task<long[]> ReserveIdsAsync(DbConnection c, DbTransaction t, string table, int count, CancellationToken ct)
    {
        // The table name is one of the import's own constants, never a caller's text.
        var max = Convert.ToInt64(await Command(c, t, $"SELECT COALESCE(MAX(id), 0) FROM {table}").ExecuteScalarAsync(ct));
        var ids = new long[count];
        for (var i = 0; i < count; i++) ids[i] = max + 1 + i;
        return ids;
    }

    /// <summary>From this many entries on, the R*Tree is filled after the rows rather than by its trigger row by row.</summary>
    internal const int DeferredRtreeEntries = 200;

    // The R*Trees a long column fills after its rows, each with its insert trigger and the INSERT … SELECT that replaces it.
    private static readonly (string Trigger, string Fill)[] DeferredTrees =
    [
        ("parcel_geometries_rtree_insert",
            "INSERT INTO parcel_geometry_rtree SELECT id, min_x, max_x, min_y, max_y FROM parcel_geometries WHERE id BETWEEN @first AND @last AND min_x IS NOT NULL"),
        ("parcel_geometries_area_rtree_insert",
            "INSERT INTO parcel_area_rtree SELECT id, min_x, max_x, min_y, max_y, area_mu_computed, area_mu_computed FROM parcel_geometries " +
            "WHERE id BETWEEN @first AND @last AND min_x IS NOT NULL AND area_mu_computed > 0"),
    ];

    /// <inheritdoc />
    /// <remarks>
    /// An R*Tree's insert trigger costs about three times the rest of a row (it reopens the tree's nodes per statement).
    /// For a long column the triggers are dropped inside the import's transaction, each tree filled with one INSERT …
    /// SELECT over the new versions, and the triggers created again from their stored text, so a failure anywhere rolls
    /// all of it back.
    /// </remarks>
    private protected override async Task WriteEntriesAsync(DbConnection c, DbTransaction t, long reportId, IReadOnlyList<EntryRow> rows, CancellationToken ct)
    {
        var triggers = new List<(string Sql, string Fill)>();
        if (rows.Count >= DeferredRtreeEntries)
        {
            foreach (var (name, fill) in DeferredTrees)
            {
                triggers.Add(((string)(await Command(c, t, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = @name", ("name", name))
                    .ExecuteScalarAsync(ct))!, fill));
                await Command(c, t, $"DROP TRIGGER {name}").ExecuteNonQueryAsync(ct);
            }
        }
        WriteRows((SqliteConnection)c, reportId, rows, ct);
        foreach (var (trigger, fill) in triggers)
        {
            await Command(c, t, fill, ("first", rows[0].GeometryId), ("last", rows[^1].GeometryId)).ExecuteNonQueryAsync(ct);
            await Command(c, t, trigger).ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The three rows of each entry through prepared statements on the raw handle (see <see cref="SqliteBulkInsert"/>).</summary>
    private static void WriteRows(SqliteConnection c, long reportId, IReadOnlyList<EntryRow> rows, CancellationToken ct)
    {
        using var entry = new SqliteBulkInsert(c,
            """
            INSERT INTO land_entries (id, report_id, seq, name, location, area_mu, approx, area_qualifier, area_text, parts, bounds, note, source_line,
                source_text, land_use, land_use_name, land_use_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """);
        using var parcel = new SqliteBulkInsert(c, "INSERT INTO parcels (id, entry_id, report_id, version, public_id, is_current) VALUES (?, ?, ?, 1, ?, 1)");
        using var version = new SqliteBulkInsert(c,
            """
            INSERT INTO parcel_geometries (id, parcel_id, version_no, is_current, geom, min_x, min_y, max_x, max_y, status, confidence, method,
                constraints, warnings, area_mu_computed, made_by, made_by_kind, reason, made_at)
            VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """);
        var wkb = new WKBWriter();
        for (var i = 0; i < rows.Count; i++)
        {
            if (i % 4096 == 0) ct.ThrowIfCancellationRequested();
            var row = rows[i];
            var e = row.Entry;
            entry.Add(row.EntryId).Add(reportId).Add(e.Seq).Add(e.Name).Add(e.Location).Add(e.AreaMu).Add(e.Approx ? 1 : 0).Add(row.AreaQualifier)
                .Add(e.AreaText).Add(row.Parts.Text).Add(row.Bounds.Text).Add(e.Note).Add(e.Source.Line).Add(e.Source.Text)
                .Add(row.LandUse).Add(row.LandUseName).Add(row.LandUseReason).Step();
            parcel.Add(row.ParcelId).Add(row.EntryId).Add(reportId).Add(row.PublicId).Step();
            var v = row.Version;
            var envelope = v.Geometry?.EnvelopeInternal;
            version.Add(row.GeometryId).Add(v.ParcelId).Add(v.VersionNo).Add(v.Geometry is null ? null : wkb.Write(v.Geometry))
                .Add(envelope?.MinX).Add(envelope?.MinY).Add(envelope?.MaxX).Add(envelope?.MaxY)
                .Add(v.Status).Add(v.Confidence).Add(v.Method).Add(v.Constraints.Text).Add(v.Warnings.Text).Add(v.AreaMuComputed)
                .Add(v.MadeBy).Add(v.MadeByKind).Add(v.Reason).Add(v.MadeAt).Step();
        }
    }

    /// <inheritdoc />
    protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED };

    /// <inheritdoc />
    protected override StoreException? Translate(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED } e => new StoreException(StoreErrorKind.Locked,
            $"The --db file {DisplayName} is locked by another process; close it or pass --db another.db.", e),
        SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_NOTADB } e => new StoreException(StoreErrorKind.Unavailable,
            $"--db {DisplayName} is not a SQLite database: pass --db a new or LandMap .db file.", e),
        SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_PERM } e =>
            new StoreException(StoreErrorKind.Unavailable, $"Cannot open --db {DisplayName} for writing: check that its folder exists and is writable. ({e.Message})", e),
        SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT } e => new StoreException(StoreErrorKind.Integrity,
            $"The data broke a rule of the schema and nothing was written: {e.Message}", e),
        _ => null,
    };

    /// <inheritdoc />
    /// <remarks><c>VACUUM INTO</c> writes a consistent, compacted copy while other connections keep reading and writing.</remarks>
    public async Task<BackupResult> BackupAsync(string outPath, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(outPath);
        if (File.Exists(full)) return new BackupResult(false, $"{outPath} exists: pass --out a new file name or delete it first.");
        await WithConnectionAsync(c => Command(c, null, "VACUUM INTO @out", ("out", full)).ExecuteNonQueryAsync(cancellationToken), cancellationToken);
        return new BackupResult(true, $"Backed up {DisplayName} to {outPath} ({new FileInfo(full).Length / 1024.0:0.#} KiB).");
    }
}
