using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using LandMap.Data.Sql;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Data.Postgis;

/// <summary>
/// The shared store: PostgreSQL with PostGIS through Npgsql.NetTopologySuite. Geometries are geometry(Geometry, 4326)
/// under GiST indexes; spatial filters run in the database (<c>&amp;&amp;</c>, <c>ST_Intersects</c>).
/// </summary>
// Lists IParcelStore again so that its backup member replaces the interface's default.
public sealed partial class PostgisParcelStore : SqlParcelStore, IParcelStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;

    /// <summary>A store on the server of <paramref name="connectionString"/>; call through <see cref="ParcelStoreFactory"/>.</summary>
    internal PostgisParcelStore(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Parcels are 2-D; the geocoder's coordinate sequences may carry an empty Z that PostGIS would refuse.
        builder.UseNetTopologySuite(handleOrdinates: NetTopologySuite.Geometries.Ordinates.XY);
        _dataSource = builder.Build();
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        // Messages name the server and database, never the password.
        _where = $"Host={parsed.Host};Port={parsed.Port};Database={parsed.Database}";
    }

    /// <inheritdoc />
    public override string Backend => "postgis";

    /// <inheritdoc />
    protected override IReadOnlyList<Migration> Migrations => PostgisSchema.Migrations;

    /// <inheritdoc />
    protected override string SchemaExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version'";

    /// <inheritdoc />
    protected override string StoreName => _where;

    /// <inheritdoc />
    protected override DbConnection NewConnection() => _dataSource.CreateConnection();

    /// <inheritdoc />
    // One lock per schema: a long migration of one store (a million parcels) must not hold up opening another store of
    // the same database.
    protected override string MigrationLockSql => "SELECT pg_advisory_xact_lock(7240311, hashtext(current_schema()))";

    /// <inheritdoc />
    protected override string GeometryColumns => "geom";

    /// <inheritdoc />
    protected override string GeometryValues(string name) => "@" + name;

    /// <inheritdoc />
    protected override void BindGeometry(DbCommand command, string name, Geometry? geometry)
    {
        Set(command, name, geometry);
        ((NpgsqlParameter)command.Parameters["@" + name]).NpgsqlDbType = NpgsqlDbType.Geometry;
    }

    /// <inheritdoc />
    protected override Geometry? ReadGeometry(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<Geometry>(ordinal);

    /// <inheritdoc />
    protected override string GazetteerBoxFilterSql => "geom && ST_MakeEnvelope(@bb_min_x, @bb_min_y, @bb_max_x, @bb_max_y, 4326)";

    /// <inheritdoc />
    // && compares the index's float4 boxes, rounded outwards; the ST_XMin … tests make the envelope check exact, as
    // SQLite's envelope columns do. Not ST_Intersects(ST_Envelope(geom), box): the planner takes it for a near-empty filter
    // and, on a city, joins a million parcels against the "few" candidates (measured: a z11 tile over 30 s instead of 0.3 s).
    protected override string BoxFilterSql =>
        "g.geom && ST_MakeEnvelope(@bb_min_x, @bb_min_y, @bb_max_x, @bb_max_y, 4326)" +
        " AND ST_XMax(g.geom) >= @bb_min_x AND ST_XMin(g.geom) <= @bb_max_x AND ST_YMax(g.geom) >= @bb_min_y AND ST_YMin(g.geom) <= @bb_max_y";

    /// <inheritdoc />
    // The floor as a literal too: only then can the planner prove the partial index's predicate (area ≥ 160) and use it.
    protected override string BoxAndAreaFilterSql(double floor) =>
        BoxFilterSql + string.Create(CultureInfo.InvariantCulture, $" AND g.area_mu_computed >= {floor:R} AND g.area_mu_computed >= @outline_floor");

    /// <inheritdoc />
    /// <remarks>
    /// Counts in the partial GiST index of each floor (<see cref="PostgisSchema.OverviewFloors"/>) every version of every
    /// outline in the box, rejected and superseded too; a floor it picks may still yield fewer than Limit published
    /// parcels, and the caller then tries the next one, and at last none.
    /// </remarks>
    private protected override async Task<IReadOnlyList<double>> LargestFirstFloorsAsync(DbConnection c, ParcelQuery query, CancellationToken ct)
    {
        var floors = PostgisSchema.OverviewFloors;
        for (var i = 0; i < floors.Length; i++)
        {
            if (floors[i] <= (query.MinAreaMuComputed ?? 0)) break;
            // Counted only up to Limit, all the choice needs: each row counted is a heap fetch (GiST has no index-only scan here).
            var command = Command(c, null, string.Create(CultureInfo.InvariantCulture,
                    $"SELECT count(*) FROM (SELECT 1 FROM parcel_geometries g WHERE g.area_mu_computed >= {floors[i]:R} AND g.geom && ST_MakeEnvelope(@bb_min_x, @bb_min_y, @bb_max_x, @bb_max_y, 4326) LIMIT @limit) s"),
                [.. BoxParameters(query.BoundingBox!), ("limit", query.Limit)]);
            await PrepareOverviewAsync(command, ct);
            var count = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            if (count >= query.Limit) return floors[i..];
        }
        return [];
    }

    /// <inheritdoc />
    // Prepared, a statement is parsed once per connection and text (Npgsql keeps it across pool reuse), and after five runs
    // PostgreSQL may keep one generic plan: the floor is in the text, so that plan still reads the floor's partial index.
    // The 30 z10–z12 tiles of the 1M city: median 38.5 ms and 7 tiles ≥ 50 ms, against 42–52 ms and 10–16
    // (docs/benchmarks.md).
    private protected override Task PrepareOverviewAsync(DbCommand command, CancellationToken cancellationToken) =>
        ((NpgsqlCommand)command).PrepareAsync(cancellationToken);

    /// <inheritdoc />
    private protected override bool RanksOutlinesBeforeJoining => true;

    /// <inheritdoc />
    // Set for this statement only, in the same command:
    // - no parallel workers: two cost more to start than they save on a few thousand outlines (the densest z10 tile of
    //   the 1M city: 59 ms with them, 35 ms without);
    // - no sequential scans: the box's conditions multiply default selectivities, so a custom plan (each connection's
    //   first five runs of a statement) expects a handful of ranked outlines where there are 1,250 and joins `reports`
    //   by scanning it once for each (a dense z12 tile: 25–35 ms, 19–24 ms through its key, as the generic plan does).
    //   Every table here is reached through an index.
    private protected override (string Before, string After) RankedQuerySettings =>
        ("SET max_parallel_workers_per_gather = 0; SET enable_seqscan = off; ", "; RESET max_parallel_workers_per_gather; RESET enable_seqscan");

    /// <inheritdoc />
    protected override string IntersectsFilterSql => "ST_Intersects(g.geom, @area)";

    /// <inheritdoc />
    // The database's collation may order text by language; CQL2 filters compare code points, as SQLite does.
    protected override string CqlCodePointOrder(string expression) => expression + " COLLATE \"C\"";

    /// <inheritdoc />
    protected override string CqlRound(string expression, int digits) => $"ROUND(CAST({expression} AS numeric), {digits})";

    /// <inheritdoc />
    protected override void ConfigureJsonParameter(DbParameter parameter) => ((NpgsqlParameter)parameter).NpgsqlDbType = NpgsqlDbType.Jsonb;

    /// <inheritdoc />
    protected override bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable };

    /// <inheritdoc />
    protected override StoreException? Translate(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } e =>
            new StoreException(StoreErrorKind.Unavailable, $"PostgreSQL at {_where} refused the login: check Username and Password in --db.", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } e =>
            new StoreException(StoreErrorKind.Unavailable, $"PostgreSQL has no database {_where}: create it (createdb) or fix Database in --db.", e),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.UndefinedFile } e =>
            new StoreException(StoreErrorKind.Unavailable, $"PostGIS is not available in {_where}: install postgis and run CREATE EXTENSION postgis as a superuser. ({e.MessageText})", e),
        PostgresException { SqlState: var state } e when state.StartsWith("23", StringComparison.Ordinal) =>
            new StoreException(StoreErrorKind.Integrity, $"The data broke a rule of the schema and nothing was written: {e.MessageText}", e),
        PostgresException e when IsTransient(e) =>
            new StoreException(StoreErrorKind.Locked, $"{_where} stayed locked by other writers; try again.", e),
        NpgsqlException { InnerException: SocketException } e =>
            new StoreException(StoreErrorKind.Unavailable, $"Cannot reach PostgreSQL at {_where}: start the server or fix Host/Port in --db.", e),
        NpgsqlException { InnerException: TimeoutException } e =>
            new StoreException(StoreErrorKind.Unavailable,
                $"PostgreSQL at {_where} did not answer in time: it is overloaded or another process holds this store (a migration or a long import); try again, or raise Timeout/Command Timeout in --db.", e),
        _ => null,
    };

    /// <inheritdoc />
    public Task<BackupResult> BackupAsync(string outPath, CancellationToken cancellationToken = default) =>
        Task.FromResult(new BackupResult(false,
            $"A PostGIS store is backed up by the server's own tool, not copied by LandMap: pg_dump --format=custom --host=… --dbname=… --file={outPath} " +
            "(restore with pg_restore --dbname=…). The dump keeps the geometry columns, GiST indexes and audit triggers."));

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
