using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Sql;

/// <summary>
/// The SQL both backends share: every query and write of <see cref="IParcelStore"/> lives in this class and its
/// partial files; SQLite and PostGIS override only the dialect hooks (connections, geometry binding and reading,
/// the bounding-box filter, error translation). Each public operation opens a pooled connection, and each write
/// runs in one transaction that is retried a few times when the database reports a transient lock.
/// </summary>
public abstract partial class SqlParcelStore : IParcelStore
{
    private const int MaxAttempts = 5;

    /// <summary>JSON as stored: Chinese kept readable for whoever opens the database.</summary>
    protected static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <inheritdoc />
    public abstract string Backend { get; }

    /// <inheritdoc />
    public int SchemaVersion { get; private set; }

    /// <summary>The migrations of this dialect, in version order.</summary>
    protected abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>A new, closed connection.</summary>
    protected abstract DbConnection NewConnection();

    /// <summary>Per-connection settings run after every open (SQLite pragmas).</summary>
    protected virtual Task PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Readies a connection (already prepared) for one large write, such as a layer import of a million features; the
    /// next <see cref="PrepareConnectionAsync"/> of a pooled connection undoes it.
    /// </summary>
    protected virtual Task PrepareBulkWriteAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>SQL run inside the migration transaction before the version is read, to keep two openers apart.</summary>
    protected virtual string? MigrationLockSql => null;

    /// <summary>Runs after the migrations, inside their transaction (SQLite sets PRAGMA user_version).</summary>
    protected virtual Task AfterMigrationsAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The geometry columns of an insert ("geom" or "geom, min_x, …"), in the order of <see cref="GeometryValues"/>.</summary>
    protected abstract string GeometryColumns { get; }

    /// <summary>The parameter placeholders matching <see cref="GeometryColumns"/> for a geometry bound as <paramref name="name"/>.</summary>
    protected abstract string GeometryValues(string name);

    /// <summary>Binds <paramref name="geometry"/> (or null) to the parameters of <see cref="GeometryValues"/>.</summary>
    protected abstract void BindGeometry(DbCommand command, string name, Geometry? geometry);

    /// <summary>Reads the geometry column at <paramref name="ordinal"/>; null for SQL NULL.</summary>
    protected abstract Geometry? ReadGeometry(DbDataReader reader, int ordinal);

    /// <summary>A condition on parcel_geometries g: its envelope meets @bb_min_x, @bb_min_y, @bb_max_x, @bb_max_y.</summary>
    protected abstract string BoxFilterSql { get; }

    /// <summary>A condition on gazetteer_features: its envelope meets @bb_min_x, @bb_min_y, @bb_max_x, @bb_max_y.</summary>
    protected abstract string GazetteerBoxFilterSql { get; }

    /// <summary>
    /// <see cref="BoxFilterSql"/> and "an outline of at least @outline_floor 亩" (<paramref name="floor"/>, one of the
    /// store's own floors): a backend with an index of outlines by box and area (SQLite's second R*Tree since schema 7,
    /// PostGIS's partial GiST indexes since schema 10) tests both in it.
    /// </summary>
    protected virtual string BoxAndAreaFilterSql(double floor) => BoxFilterSql + " AND g.area_mu_computed >= @outline_floor";

    /// <summary>
    /// For "the <c>Limit</c> largest parcels in a box" (a low-zoom tile): area floors, highest first, above each of which
    /// the index counts at least <c>Limit</c> candidates; the query then runs above the first floor that really yields
    /// <c>Limit</c> parcels, which are then exactly the largest <c>Limit</c> of the box. None by default: the query ranks every
    /// parcel of the box.
    /// </summary>
    private protected virtual Task<IReadOnlyList<double>> LargestFirstFloorsAsync(DbConnection c, ParcelQuery query, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<double>>([]);

    /// <summary>A condition on g that is true when g.geom intersects @area; may be coarse when <see cref="IntersectsIsExact"/> is false.</summary>
    protected abstract string IntersectsFilterSql { get; }

    /// <summary>False when the filters are index-only envelope tests, to be refined in memory.</summary>
    protected virtual bool IntersectsIsExact => true;

    /// <summary>Binds a JSON text parameter (PostGIS types it jsonb).</summary>
    protected virtual void ConfigureJsonParameter(DbParameter parameter) { }

    /// <summary>True for lock and serialization failures worth retrying.</summary>
    protected abstract bool IsTransient(Exception exception);

    /// <summary>The exception to throw for a database failure, or null to let it through.</summary>
    protected abstract StoreException? Translate(Exception exception);

    /// <summary>True when the database already holds a LandMap schema (its <c>schema_version</c> table).</summary>
    protected abstract string SchemaExistsSql { get; }

    /// <summary>The database as messages name it (a file, or host and database: never a password).</summary>
    protected abstract string StoreName { get; }

    /// <summary>Opens the store: connects and applies pending migrations; without <paramref name="create"/> a database holding no LandMap schema is refused.</summary>
    internal async Task InitializeAsync(bool create, CancellationToken cancellationToken)
    {
        SchemaVersion = await InTransactionAsync(async (c, t) =>
        {
            if (MigrationLockSql is { } lockSql) await Command(c, t, lockSql).ExecuteNonQueryAsync(cancellationToken);
            if (!create && Convert.ToInt64(await Command(c, t, SchemaExistsSql).ExecuteScalarAsync(cancellationToken)) == 0)
                throw new StoreException(StoreErrorKind.NotFound, ParcelStoreFactory.NoStoreMessage(StoreName, $"{StoreName} holds no LandMap store"));
            await Command(c, t, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)")
                .ExecuteNonQueryAsync(cancellationToken);
            var current = Convert.ToInt32(await Command(c, t, "SELECT COALESCE(MAX(version), 0) FROM schema_version").ExecuteScalarAsync(cancellationToken));
            var latest = Migrations[^1].Version;
            if (current > latest)
                throw new StoreException(StoreErrorKind.SchemaTooNew,
                    $"The database is at schema version {current}, newer than this LandMap knows ({latest}): upgrade LandMap or pass --db another database.");
            foreach (var migration in Migrations.Where(m => m.Version > current))
            {
                foreach (var statement in migration.Statements) await Command(c, t, statement).ExecuteNonQueryAsync(cancellationToken);
                if (migration.Backfill is { } backfill) await backfill(this, c, t, cancellationToken);
                foreach (var statement in migration.AfterBackfill ?? []) await Command(c, t, statement).ExecuteNonQueryAsync(cancellationToken);
                await Command(c, t, "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @at)",
                    ("v", migration.Version), ("d", migration.Description), ("at", DateTime.UtcNow.ToString("o"))).ExecuteNonQueryAsync(cancellationToken);
            }
            await AfterMigrationsAsync(c, t, latest, cancellationToken);
            return latest;
        }, cancellationToken, countsAsChange: false);
    }

    /// <inheritdoc />
    public Task<long> GetChangeSeqAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c => Convert.ToInt64(await Command(c, null, "SELECT seq FROM store_changes WHERE id = 1").ExecuteScalarAsync(cancellationToken)),
            cancellationToken);

    /// <summary>An open, prepared connection for a reader the caller streams (and disposes); errors translated as in <see cref="WithConnectionAsync{T}"/>.</summary>
    private protected async Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = NewConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await PrepareConnectionAsync(connection, cancellationToken);
            return connection;
        }
        catch (Exception e)
        {
            await connection.DisposeAsync();
            if (e is not StoreException && Translate(e) is { } translated) throw translated;
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on an open connection.</summary>
    protected async Task<T> WithConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = NewConnection();
            await connection.OpenAsync(cancellationToken);
            await PrepareConnectionAsync(connection, cancellationToken);
            return await work(connection);
        }
        catch (Exception e) when (e is not StoreException && Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed when it returns, retried on transient locks. Unless
    /// <paramref name="countsAsChange"/> is false, the store's change counter goes up in the same transaction, last, so
    /// its row lock is held only for the commit. <paramref name="bulk"/> readies the connection for a large write
    /// (<see cref="PrepareBulkWriteAsync"/>: a report of thousands of parcels fills the R*Trees).
    /// </summary>
    protected async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken,
        bool countsAsChange = true, bool bulk = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = NewConnection();
                await connection.OpenAsync(cancellationToken);
                await PrepareConnectionAsync(connection, cancellationToken);
                if (bulk) await PrepareBulkWriteAsync(connection, cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection, transaction);
                if (countsAsChange) await Command(connection, transaction, "UPDATE store_changes SET seq = seq + 1 WHERE id = 1").ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception e) when (attempt < MaxAttempts && e is not StoreException && IsTransient(e))
            {
                // Another writer holds the lock past the busy timeout: back off and start the transaction again.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt * attempt + Random.Shared.Next(50)), cancellationToken);
            }
            catch (Exception e) when (e is not StoreException && Translate(e) is { } translated)
            {
                throw translated;
            }
        }
    }

    /// <summary>A command with named parameters; every value is bound, never spliced into the text.</summary>
    protected DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) Set(command, name, value);
        return command;
    }

    /// <summary>Sets (adding when missing) parameter @<paramref name="name"/>; reused commands rebind this way.</summary>
    protected void Set(DbCommand command, string name, object? value)
    {
        var key = "@" + name;
        DbParameter parameter;
        var index = command.Parameters.IndexOf(key);
        if (index >= 0) parameter = command.Parameters[index];
        else
        {
            parameter = command.CreateParameter();
            parameter.ParameterName = key;
            command.Parameters.Add(parameter);
        }
        if (value is JsonText json)
        {
            parameter.Value = json.Text;
            ConfigureJsonParameter(parameter);
        }
        else parameter.Value = value ?? DBNull.Value;
    }

    /// <summary>A value to bind as JSON.</summary>
    protected readonly record struct JsonText(string Text);

    /// <summary>Serializes <paramref name="value"/> for a JSON column.</summary>
    protected static JsonText Json<T>(T value) => value switch
    {
        // Most entries have no parts, bounds or warnings: skip the serializer for what it would write anyway.
        null => new("null"),
        System.Collections.IList { Count: 0 } => new("[]"),
        _ => new(JsonSerializer.Serialize(value, JsonOptions)),
    };

    /// <summary>Appends a row to the append-only audit log.</summary>
    protected async Task AuditAsync(DbConnection c, DbTransaction t, string actor, string action, string entity, long? entityId, object detail, CancellationToken ct) =>
        await Command(c, t, "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (@at, @actor, @action, @entity, @entity_id, @detail)",
            ("at", DateTime.UtcNow), ("actor", actor), ("action", action), ("entity", entity), ("entity_id", entityId), ("detail", Json(detail)))
            .ExecuteNonQueryAsync(ct);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private protected static int Int(DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
    private protected static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
    private protected static int? IntOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : Int(r, i);
    private protected static long? LongOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : Long(r, i);
    private protected static double? DoubleOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
    private protected static string? StringOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private protected static DateTime Time(DbDataReader r, int i) => r.GetDateTime(i);
}
