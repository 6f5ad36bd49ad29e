using System.Globalization;
using System.Data.Common;
using LandMap.Data.Sql;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using SQLitePCL;

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
            // Counted only up to Limit, all the choice needs.
            var count = Convert.ToInt64(await Command(c, null,
                "SELECT count(*) FROM (SELECT 1 FROM parcel_area_rtree WHERE max_x >= @bb_min_x AND min_x <= @bb_max_x AND max_y >= @bb_min_y AND min_y <= @bb_max_y" +
                " AND max_a >= @floor LIMIT @limit)",
                [.. BoxParameters(box), ("floor", LargestFirstFloors[i]), ("limit", query.Limit)]).ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
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

    // The R*Trees an import fills after its rows: each tree's insert trigger, its columns from parcel_geometries (an id,
    // then each dimension's bounds), and the condition a row meets to be in it.
    private static readonly (string Tree, string Trigger, string Columns, string Where)[] ImportedTrees =
    [
        ("parcel_geometry_rtree", "parcel_geometries_rtree_insert", "id, min_x, max_x, min_y, max_y", "min_x IS NOT NULL"),
        ("parcel_area_rtree", "parcel_geometries_area_rtree_insert", "id, min_x, max_x, min_y, max_y, area_mu_computed, area_mu_computed",
            "min_x IS NOT NULL AND area_mu_computed > 0"),
    ];

    // An import this many times smaller than the trees already stored adds its rows to them; a larger one builds them
    // again, packed. Inserting costs about 10 µs a row, building about 1 µs a row stored (docs/benchmarks.md).
    internal const int RebuildBelowRatio = 4;

    /// <summary>From this many entries in one report on, the trees are filled after the import's rows, not row by row.</summary>
    internal const int DeferredRtreeEntries = 200;

    // An import's transaction keeps every page it writes dirty until it commits: a cache this large (256 MiB, only as
    // much as the import touches) spills fewer of them to the WAL mid-way and reads fewer back (a 1M city: 18 → 16 s).
    private const int ImportCacheKib = -262144;

    /// <summary>The triggers an import transaction set aside, if any, and the trees as they were then.</summary>
    private sealed class ImportTrees
    {
        /// <summary>The insert triggers' text once dropped; until then the triggers fill the trees row by row.</summary>
        public List<string>? TriggerSql { get; set; }

        /// <summary>The last geometry id the triggers put in the trees.</summary>
        public long DroppedAfter { get; set; }

        /// <summary>How many rows the 2D tree held when the triggers were dropped.</summary>
        public long RowsThen { get; set; }
    }

    /// <inheritdoc />
    private protected override async Task<object?> BeginImportAsync(DbConnection c, DbTransaction t, CancellationToken ct)
    {
        await Command(c, t, $"PRAGMA cache_size = {ImportCacheKib}").ExecuteNonQueryAsync(ct);
        return new ImportTrees();
    }

    /// <summary>
    /// An R*Tree's insert trigger costs about three times the rest of a row. From the first long report on, the import
    /// drops the triggers inside its transaction and <see cref="EndImportAsync"/> fills the trees and creates the
    /// triggers again from their stored text, so a failure anywhere rolls all of it back. Short imports keep the triggers
    /// (dropping one changes the schema, which every other connection then reads again).
    /// </summary>
    private async Task SetTriggersAsideAsync(DbConnection c, DbTransaction t, ImportTrees trees, long firstNewGeometry, CancellationToken ct)
    {
        trees.TriggerSql = [];
        trees.DroppedAfter = firstNewGeometry - 1;
        trees.RowsThen = Convert.ToInt64(await Command(c, t, "SELECT count(*) FROM parcel_geometry_rtree_rowid").ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        foreach (var (_, trigger, _, _) in ImportedTrees)
        {
            trees.TriggerSql.Add((string)(await Command(c, t, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = @name", ("name", trigger))
                .ExecuteScalarAsync(ct))!);
            await Command(c, t, $"DROP TRIGGER {trigger}").ExecuteNonQueryAsync(ct);
        }
    }

    /// <inheritdoc />
    private protected override async Task EndImportAsync(DbConnection c, DbTransaction t, object? batch, CancellationToken ct)
    {
        var trees = (ImportTrees)batch!;
        if (trees.TriggerSql is null) return;
        // The import's rows took the ids after the last one (ReserveIdsAsync), and an import deletes none.
        var added = Convert.ToInt64(await Command(c, t, "SELECT COALESCE(MAX(id), 0) FROM parcel_geometries").ExecuteScalarAsync(ct), CultureInfo.InvariantCulture)
            - trees.DroppedAfter;
        var rebuild = trees.RowsThen <= added * RebuildBelowRatio;
        var entries = rebuild ? ReadTreeEntries((SqliteConnection)c, ct) : [];
        for (var i = 0; i < ImportedTrees.Length; i++)
        {
            var (tree, _, columns, where) = ImportedTrees[i];
            if (rebuild) SqliteRtreePack.Rebuild((SqliteConnection)c, (SqliteTransaction)t, tree, entries[i], ct);
            else
            {
                await Command(c, t, $"INSERT INTO {tree} SELECT {columns} FROM parcel_geometries WHERE id > @after AND {where}",
                    ("after", trees.DroppedAfter)).ExecuteNonQueryAsync(ct);
            }
            await Command(c, t, trees.TriggerSql[i]).ExecuteNonQueryAsync(ct);
        }
    }

    // Both trees' rows in one pass over parcel_geometries, on the raw handle (a million rows in 0.8 s, where a data
    // reader took 1 s for each tree). The outline area is the third dimension of the second tree.
    private static SqliteRtreePack.Entries[] ReadTreeEntries(SqliteConnection c, CancellationToken ct)
    {
        var (boxes, areas) = (new SqliteRtreePack.Entries(2), new SqliteRtreePack.Entries(3));
        var db = c.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db,
            "SELECT id, min_x, max_x, min_y, max_y, area_mu_computed FROM parcel_geometries WHERE min_x IS NOT NULL ORDER BY id", out var statement), db);
        using (statement)
        {
            Span<double> bounds = stackalloc double[6];
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (boxes.Count % 65536 == 0) ct.ThrowIfCancellationRequested();
                var id = raw.sqlite3_column_int64(statement, 0);
                for (var i = 0; i < 4; i++) bounds[i] = raw.sqlite3_column_double(statement, 1 + i);
                boxes.Add(id, bounds[..4]);
                if (raw.sqlite3_column_type(statement, 5) == raw.SQLITE_NULL) continue;
                var area = raw.sqlite3_column_double(statement, 5);
                if (area <= 0) continue;
                (bounds[4], bounds[5]) = (area, area);
                areas.Add(id, bounds);
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
        return [boxes, areas];
    }

    /// <inheritdoc />
    private protected override async Task WriteEntriesAsync(DbConnection c, DbTransaction t, long reportId, IReadOnlyList<EntryRow> rows, object? batch,
        CancellationToken ct)
    {
        if (batch is ImportTrees { TriggerSql: null } trees && rows.Count >= DeferredRtreeEntries) await SetTriggersAsideAsync(c, t, trees, rows[0].GeometryId, ct);
        WriteRows((SqliteConnection)c, reportId, rows, ct);
    }

    /// <summary>
    /// The three rows of each entry through prepared statements on the raw handle (see <see cref="SqliteBulkInsert"/>).
    /// What every row of the report shares (its id; a version's number, maker, reason and time, which
    /// InsertEntriesAsync sets alike for all) is bound once, in the statements' last parameters.
    /// </summary>
    private static void WriteRows(SqliteConnection c, long reportId, IReadOnlyList<EntryRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        using var entry = new SqliteBulkInsert(c,
            """
            INSERT INTO land_entries (id, seq, name, location, area_mu, approx, area_qualifier, area_text, parts, bounds, note, source_line,
                source_text, land_use, land_use_name, land_use_reason, report_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).Constants(17, s => s.Add(reportId));
        using var parcel = new SqliteBulkInsert(c, "INSERT INTO parcels (id, entry_id, public_id, report_id, version, is_current) VALUES (?, ?, ?, ?, 1, 1)")
            .Constants(4, s => s.Add(reportId));
        var shared = rows[0].Version;
        using var version = new SqliteBulkInsert(c,
            """
            INSERT INTO parcel_geometries (id, parcel_id, geom, min_x, min_y, max_x, max_y, status, confidence, method, constraints, warnings,
                area_mu_computed, version_no, made_by, made_by_kind, reason, made_at, is_current)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            """).Constants(14, s => s.Add(shared.VersionNo).Add(shared.MadeBy).Add(shared.MadeByKind).Add(shared.Reason).Add(shared.MadeAt));
        var wkb = new WKBWriter();
        for (var i = 0; i < rows.Count; i++)
        {
            if (i % 4096 == 0) ct.ThrowIfCancellationRequested();
            var row = rows[i];
            var e = row.Entry;
            entry.Add(row.EntryId).Add(e.Seq).Add(e.Name).Add(e.Location).Add(e.AreaMu).Add(e.Approx ? 1 : 0).Add(row.AreaQualifier)
                .Add(e.AreaText).Add(row.Parts.Text).Add(row.Bounds.Text).Add(e.Note).Add(e.Source.Line).Add(e.Source.Text)
                .Add(row.LandUse).Add(row.LandUseName).Add(row.LandUseReason).Step();
            parcel.Add(row.ParcelId).Add(row.EntryId).Add(row.PublicId).Step();
            var v = row.Version;
            var envelope = v.Geometry?.EnvelopeInternal;
            version.Add(row.GeometryId).Add(v.ParcelId).Add(v.Geometry is null ? null : wkb.Write(v.Geometry))
                .Add(envelope?.MinX).Add(envelope?.MinY).Add(envelope?.MaxX).Add(envelope?.MaxY)
                .Add(v.Status).Add(v.Confidence).Add(v.Method).Add(v.Constraints.Text).Add(v.Warnings.Text).Add(v.AreaMuComputed).Step();
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
