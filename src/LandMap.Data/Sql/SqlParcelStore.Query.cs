using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using LandMap.Core.Crs;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Sql;

public abstract partial class SqlParcelStore
{
    // Metres per degree of latitude; a degree of longitude is this times cos(latitude).
    private const double MetresPerDegree = 111_320;

    private const string VersionColumns =
        "g.id, g.version_no, g.is_current, g.geom, g.status, g.confidence, g.method, g.constraints, g.warnings, g.area_mu_computed, g.made_by, g.made_by_kind, g.reason, g.made_at, g.conflicts";

    private protected const string ParcelFrom =
        """
        FROM parcels p JOIN land_entries e ON e.id = p.entry_id JOIN reports r ON r.id = p.report_id
        JOIN parcel_geometries g ON g.parcel_id = p.id AND g.is_current = 1
        """;

    private const string ParcelSelect =
        """
        SELECT p.id, r.id, r.file_name, e.id, r.district, r.plan_year, e.seq, e.name, e.location, e.note, e.area_mu,
               g.area_mu_computed, g.status, g.confidence, g.method, p.version, g.made_by, g.geom, g.constraints, g.warnings,
               p.public_id, p.review_status, p.review_reason, e.land_use, e.land_use_name, e.land_use_reason, p.project_stage,
               e.area_text, e.area_qualifier, e.approx, e.parts, e.bounds, e.source_line, e.source_text, g.conflicts
        """ + " " + ParcelFrom;

    // ParcelSelect with the columns a map never draws read as constants, in the same positions, so one reader serves both.
    private const string MapSelect =
        """
        SELECT p.id, r.id, r.file_name, e.id, r.district, r.plan_year, e.seq, e.name, NULL, NULL, e.area_mu,
               g.area_mu_computed, g.status, g.confidence, g.method, p.version, g.made_by, g.geom, '[]', '[]',
               p.public_id, p.review_status, NULL, e.land_use, e.land_use_name, NULL, p.project_stage,
               NULL, NULL, 0, '[]', 'null', 0, '', g.conflicts
        """ + " " + ParcelFrom;

    // COALESCE: both backends then agree where NULL goes (SQLite sorts it last descending, PostgreSQL first).
    private protected const string OutlineAreaOrder = "COALESCE(g.area_mu_computed, 0) DESC, p.id";

    // The allow-list of sort orders: the only ORDER BY texts that ever reach SQL. Ties go in report and column order
    // (row ids follow the map within a report: SpatialIdOrder), so a review queue cut at its limit keeps a report's first
    // entries, not one corner of it.
    private static string OrderBy(ParcelSort sort) => sort switch
    {
        ParcelSort.Name => "e.name, p.report_id, e.seq, p.id",
        ParcelSort.AreaDescending => "e.area_mu DESC, p.report_id, e.seq, p.id",
        ParcelSort.ConfidenceAscending => "g.confidence, p.report_id, e.seq, p.id",
        ParcelSort.None => "",
        ParcelSort.OutlineAreaDescending => OutlineAreaOrder,
        _ => "r.district, r.plan_year, e.seq, p.id",
    };

    /// <inheritdoc />
    public Task<IReadOnlyList<ParcelRecord>> QueryParcelsAsync(ParcelQuery query, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query.Limit));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, ParcelQuery.MaxLimit, nameof(query.Limit));
            ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query.Offset));
            foreach (var floor in await FloorsAsync(c, query, cancellationToken))
            {
                var largest = RanksOutlinesBeforeJoining
                    ? await RankedFirstAsync(c, query with { OutlineFloor = floor }, cancellationToken)
                    : await QueryAsync(c, query with { OutlineFloor = floor }, cancellationToken);
                // Exact when Limit outlines reached the floor: everything left out is smaller, or a point or line, which
                // ranks last.
                if (largest.Count == query.Limit && (largest[^1].AreaMuComputed ?? 0) >= floor) return largest;
            }
            // Below the lowest floor a box may still hold thousands of small outlines (a z12 tile over a city's core), which
            // the full query would join one by one before its sort: ranked alone first there too.
            if (RanksOutlinesBeforeJoining && IsLargestOfABox(query) && await RankedBelowFloorsAsync(c, query, cancellationToken) is { } ranked)
                return ranked;
            return await QueryAsync(c, query, cancellationToken);
        }, cancellationToken);

    // Only "the Limit largest of a box" can be answered above a floor, or ranked before joining: any other order or page
    // needs every match.
    private static bool IsLargestOfABox(ParcelQuery query) =>
        query is { LargestThroughAreaIndex: true, Sort: ParcelSort.OutlineAreaDescending, BoundingBox: not null, Offset: 0, Intersects: null, PublicIds: null, Filter: null };

    private async Task<IReadOnlyList<double>> FloorsAsync(DbConnection c, ParcelQuery query, CancellationToken ct) =>
        IsLargestOfABox(query) ? (await LargestFirstFloorsAsync(c, query, ct)).Where(f => f > (query.MinAreaMuComputed ?? 0)).ToList() : [];

    /// <summary>
    /// Whether "the largest above a floor" ranks the outlines of the box by themselves first and joins only the best to
    /// their parcels, entries and reports. PostgreSQL otherwise joins every outline above the floor (thousands in a dense
    /// z10 box) before its top-N sort; SQLite's finer floors leave it few to join.
    /// </summary>
    private protected virtual bool RanksOutlinesBeforeJoining => false;

    /// <summary>Statements around the ranked query (PostgreSQL: no parallel workers for it).</summary>
    private protected virtual (string Before, string After) RankedQuerySettings => ("", "");

    // The Limit largest outlines above the query's floor, found among the best 1.25 × Limit current outlines of the box
    // ranked alone; exact when Limit of those pass the parcel, entry and report filters (every outline left out ranks
    // below them). Fewer than Limit, the caller goes on to the next floor and at last the full query. The ORDER BY is
    // OutlineAreaOrder's, p.id being g.parcel_id.
    private async Task<IReadOnlyList<ParcelRecord>> RankedFirstAsync(DbConnection c, ParcelQuery query, CancellationToken cancellationToken)
    {
        var (where, parameters, _) = Filter(query);
        var sql = WithRankedOutlines(Select(query), query, parameters) + where + OrderByClause(query.Sort) + " LIMIT @limit";
        parameters.Add(("limit", query.Limit));
        return await ReadParcelsAsync(await RankedCommandAsync(c, sql, parameters, cancellationToken), cancellationToken);
    }

    /// <summary>A ranked statement with its settings around it (<see cref="RankedQuerySettings"/>), prepared.</summary>
    private async Task<DbCommand> RankedCommandAsync(DbConnection c, string sql, List<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        var (before, after) = RankedQuerySettings;
        var command = Command(c, null, before + sql + after, [.. parameters]);
        await PrepareOverviewAsync(command, cancellationToken);
        return command;
    }

    // How many outlines the ranking keeps before the join: a quarter more than Limit, for parcels the filters leave out.
    private static int RankedCount(ParcelQuery query) => query.Limit + query.Limit / 4;

    // A parcel query's join of the outlines swapped for the box's best RankedCount outlines, ranked alone by the outline
    // filter's own conditions (box, floors); their parameters are added to the query's.
    private string WithRankedOutlines(string sql, ParcelQuery query, List<(string, object?)> parameters)
    {
        var (conditions, outlineParameters) = RankedOutlines(query);
        parameters.AddRange(outlineParameters.Where(o => parameters.All(p => p.Item1 != o.Item1)));
        parameters.Add(("ranked", RankedCount(query)));
        return Replaced(sql, "JOIN parcel_geometries g ON",
            $"JOIN (SELECT * FROM parcel_geometries g{conditions} ORDER BY COALESCE(g.area_mu_computed, 0) DESC, g.parcel_id LIMIT @ranked) g ON");
    }

    private (string Conditions, List<(string, object?)> Parameters) RankedOutlines(ParcelQuery query)
    {
        var (outlineWhere, outlineParameters, _) = Filter(new ParcelQuery
        {
            BoundingBox = query.BoundingBox, OutlineFloor = query.OutlineFloor, MinAreaMuComputed = query.MinAreaMuComputed, IncludeUnresolved = false,
        });
        // Its WHERE starts with the report condition every query has.
        return (Replaced(outlineWhere, " WHERE r.superseded_by IS NULL AND ", " WHERE g.is_current = 1 AND "), outlineParameters);
    }

    // The ranked query without a floor. Exact when it yields Limit parcels (as above), and when it yields fewer but the
    // ranking kept every outline of the box, as then nothing was left out; null otherwise (the full query answers).
    private async Task<IReadOnlyList<ParcelRecord>?> RankedBelowFloorsAsync(DbConnection c, ParcelQuery query, CancellationToken cancellationToken)
    {
        var largest = await RankedFirstAsync(c, query, cancellationToken);
        return largest.Count == query.Limit || await RankedAllOutlinesAsync(c, query, cancellationToken) ? largest : null;
    }

    // Whether the box holds fewer outlines than the ranking keeps (so it kept them all).
    private async Task<bool> RankedAllOutlinesAsync(DbConnection c, ParcelQuery query, CancellationToken cancellationToken)
    {
        var (conditions, parameters) = RankedOutlines(query);
        var count = Command(c, null, $"SELECT count(*) FROM (SELECT 1 FROM parcel_geometries g{conditions} LIMIT @ranked) s",
            [.. parameters, ("ranked", RankedCount(query))]);
        await PrepareOverviewAsync(count, cancellationToken);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) < RankedCount(query);
    }

    /// <summary>
    /// Prepares a statement every overview tile repeats with a new box (the ranked query and the floor counts, one text per
    /// floor): PostgreSQL then parses it once per connection, and after five runs may keep one generic plan for it.
    /// </summary>
    private protected virtual Task PrepareOverviewAsync(DbCommand command, CancellationToken cancellationToken) => Task.CompletedTask;

    // The ranked query is ParcelFrom and Filter's text with one part swapped: a swap that finds nothing is a bug, not a
    // slower query.
    private static string Replaced(string sql, string part, string with) =>
        sql.Contains(part, StringComparison.Ordinal) ? sql.Replace(part, with, StringComparison.Ordinal)
            : throw new InvalidOperationException($"'{part}' is not in the parcel query any more: change RankedFirstAsync with it.");

    private async Task<IReadOnlyList<ParcelRecord>> QueryAsync(DbConnection c, ParcelQuery query, CancellationToken cancellationToken)
    {
        var (where, parameters, area) = Filter(query);
        var sql = new StringBuilder(Select(query)).Append(where).Append(OrderByClause(query.Sort));
        // An inexact intersects filter is refined in memory, so limit and offset apply after refinement.
        var refine = NeedsRefinement(query);
        if (refine) await CheckRefinementAsync(c, "SELECT COUNT(*) " + ParcelFrom + where, parameters, cancellationToken);
        if (!refine)
        {
            sql.Append(" LIMIT @limit OFFSET @offset");
            parameters.Add(("limit", query.Limit));
            parameters.Add(("offset", query.Offset));
        }
        var command = Command(c, null, sql.ToString(), [.. parameters]);
        if (area is not null && IntersectsIsExact) BindGeometry(command, "area", area);
        var parcels = await ReadParcelsAsync(command, cancellationToken);
        return refine ? parcels.Where(Refinement(query, area)).Skip(query.Offset).Take(query.Limit).ToList() : parcels;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ParcelRecord> StreamParcelsAsync(ParcelQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (where, parameters, area) = Filter(query);
        // Limit and offset are the caller's to ignore here: the point is every match.
        var refine = NeedsRefinement(query);
        var keep = Refinement(query, area);
        await using var connection = await OpenReadConnectionAsync(cancellationToken);
        var command = Command(connection, null, Select(query) + where + OrderByClause(query.Sort), [.. parameters]);
        if (area is not null && IntersectsIsExact) BindGeometry(command, "area", area);
        DbDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (Exception e) when (e is not StoreException && Translate(e) is { } translated)
        {
            throw translated;
        }
        await using (reader)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var parcel = ReadParcel(reader);
                if (!refine || keep(parcel)) yield return parcel;
            }
        }
    }

    /// <inheritdoc />
    public Task<string> FingerprintParcelsAsync(ParcelQuery query, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
        {
            if (query.Intersects is not null || query.Filter is not null)
                throw new ArgumentException("A fingerprint is taken of a box, not of an intersects or CQL filter.", nameof(query));
            // The same parcels QueryParcelsAsync returns, found the same way (above an area floor, or ranked first, where
            // that is exact).
            var ranked = RanksOutlinesBeforeJoining && IsLargestOfABox(query);
            foreach (var floor in await FloorsAsync(c, query, cancellationToken))
            {
                var (largest, smallest) = await FingerprintRowsAsync(c, query with { OutlineFloor = floor }, ranked, cancellationToken);
                if (largest.Count == query.Limit && smallest >= floor) return ParcelFingerprint.Of(largest);
            }
            if (ranked)
            {
                var (largest, _) = await FingerprintRowsAsync(c, query, ranked: true, cancellationToken);
                if (largest.Count == query.Limit || await RankedAllOutlinesAsync(c, query, cancellationToken)) return ParcelFingerprint.Of(largest);
            }
            return ParcelFingerprint.Of((await FingerprintRowsAsync(c, query, ranked: false, cancellationToken)).Rows);
        }, cancellationToken);

    /// <summary>
    /// The fingerprint rows of the query's parcels, and the smallest outline area among them (0 for a point or line);
    /// ranked, the outlines are ranked alone first (as by <see cref="RankedFirstAsync"/>).
    /// </summary>
    private async Task<(List<string> Rows, double Smallest)> FingerprintRowsAsync(DbConnection c, ParcelQuery query, bool ranked, CancellationToken cancellationToken)
    {
        var (where, parameters, _) = Filter(query);
        var from = ranked ? WithRankedOutlines(ParcelFrom, query, parameters) : ParcelFrom;
        // With a sort, the first Limit parcels in that order (what a tile keeps); without, every match.
        var sql = query.Sort == ParcelSort.None
            ? $"SELECT {ParcelFingerprint.SqlRow}, COALESCE(g.area_mu_computed, 0) {from}{where} ORDER BY p.id"
            : $"SELECT fingerprint_row, row_area FROM (SELECT {ParcelFingerprint.SqlRow} AS fingerprint_row, COALESCE(g.area_mu_computed, 0) AS row_area, " +
              $"p.id AS row_id {from}{where}{OrderByClause(query.Sort)} LIMIT @limit) kept ORDER BY row_id";
        var rows = new List<string>();
        var smallest = double.PositiveInfinity;
        parameters.Add(("limit", query.Limit));
        // Ranked, planned as the ranked query is (a cached tile's revalidation runs this on every hit).
        var command = ranked ? await RankedCommandAsync(c, sql, parameters, cancellationToken) : Command(c, null, sql, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
            smallest = Math.Min(smallest, Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture));
        }
        return (rows, smallest);
    }

    private static string Select(ParcelQuery query) => query.MapFieldsOnly ? MapSelect : ParcelSelect;

    private static string OrderByClause(ParcelSort sort) => sort == ParcelSort.None ? "" : " ORDER BY " + OrderBy(sort);

    /// <inheritdoc />
    public Task<long> CountParcelsAsync(ParcelQuery query, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
        {
            var (where, parameters, area) = Filter(query);
            if (NeedsRefinement(query))
            {
                await CheckRefinementAsync(c, "SELECT COUNT(*) " + ParcelFrom + where, parameters, cancellationToken);
                var candidates = await ReadParcelsAsync(Command(c, null, ParcelSelect + where, [.. parameters]), cancellationToken);
                return (long)candidates.Count(Refinement(query, area));
            }
            var command = Command(c, null, "SELECT COUNT(*) " + ParcelFrom + where, [.. parameters]);
            if (area is not null) BindGeometry(command, "area", area);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        }, cancellationToken);

    /// <summary>The WHERE clause of <paramref name="query"/>, its parameters, and the intersects area when one is set.</summary>
    private protected (string Where, List<(string, object?)> Parameters, Geometry? Area) Filter(ParcelQuery query)
    {
        var sql = new StringBuilder(" WHERE r.superseded_by IS NULL");
        var parameters = new List<(string, object?)>();
        if (query.PlanYear is { } year) { sql.Append(" AND r.plan_year = @year"); parameters.Add(("year", year)); }
        if (query.PlanYearFrom is { } from) { sql.Append(" AND r.plan_year >= @year_from"); parameters.Add(("year_from", from)); }
        if (query.PlanYearTo is { } to) { sql.Append(" AND r.plan_year <= @year_to"); parameters.Add(("year_to", to)); }
        if (query.District is { } district) { sql.Append(" AND r.district = @district"); parameters.Add(("district", district)); }
        if (query.ReportId is { } reportId) { sql.Append(" AND p.report_id = @report"); parameters.Add(("report", reportId)); }
        if (query.Text is { Length: > 0 } text)
        {
            sql.Append(@" AND (e.name LIKE @q ESCAPE '\' OR e.location LIKE @q ESCAPE '\' OR e.note LIKE @q ESCAPE '\')");
            parameters.Add(("q", "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%"));
        }
        AppendIn(sql, parameters, "p.public_id", "pid", query.PublicIds?.Cast<object>());
        AppendIn(sql, parameters, "e.land_use", "use", query.LandUses);
        AppendIn(sql, parameters, "p.review_status", "rs", query.ReviewStatuses);
        AppendIn(sql, parameters, "p.project_stage", "ps", query.ProjectStages);
        if (query.ExcludeRejected) sql.Append(" AND p.review_status <> 'rejected'");
        if (query.ExcludeProjectStages is { Count: > 0 } stages)
        {
            // NOT IN alone would drop the parcels without a stage too (NULL NOT IN … is not true).
            sql.Append(" AND (p.project_stage IS NULL OR NOT (p.project_stage IN (");
            var i = 0;
            foreach (var stage in stages.Distinct())
            {
                sql.Append(i > 0 ? ", " : "").Append("@xps").Append(i);
                parameters.Add(("xps" + i++, stage));
            }
            sql.Append(")))");
        }
        if (query.MinAreaMu is { } min) { sql.Append(" AND e.area_mu >= @min_area"); parameters.Add(("min_area", min)); }
        if (query.MaxAreaMu is { } max) { sql.Append(" AND e.area_mu <= @max_area"); parameters.Add(("max_area", max)); }
        if (query.MinAreaMuComputed is { } floor)
        {
            // 0 is what points and lines get: they have no area to be too small by.
            sql.Append(" AND (g.area_mu_computed IS NULL OR g.area_mu_computed = 0 OR g.area_mu_computed >= @min_amc)");
            parameters.Add(("min_amc", floor));
        }
        if (query.BoundingBox is { } box)
        {
            sql.Append(" AND ").Append(query.OutlineFloor is { } outlineFloor ? BoxAndAreaFilterSql(outlineFloor) : BoxFilterSql);
            parameters.AddRange(BoxParameters(box));
            if (query.OutlineFloor is { } outlines) parameters.Add(("outline_floor", outlines));
        }
        Geometry? area = null;
        if (query.Intersects is { } intersects)
        {
            area = intersects;
            sql.Append(" AND ").Append(IntersectsIsExact ? IntersectsFilterSql : BoxFilterSql.Replace("@bb_", "@ia_", StringComparison.Ordinal));
            if (!IntersectsIsExact) parameters.AddRange(BoxParameters(intersects.EnvelopeInternal).Select(p => (p.Item1.Replace("bb_", "ia_"), p.Item2)));
        }
        if (query.Filter is { } filter)
        {
            if (query.MapFieldsOnly) throw new ArgumentException("A CQL filter needs every field read; MapFieldsOnly leaves some empty.", nameof(query));
            sql.Append(" AND ");
            AppendCql(sql, parameters, filter);
        }
        if (!query.IncludeUnresolved || query.BoundingBox is not null || area is not null) sql.Append(" AND g.geom IS NOT NULL");
        return (sql.ToString(), parameters, area);
    }

    /// <summary>Appends "AND column IN (@p0, @p1 …)" for a set filter; an empty set matches nothing.</summary>
    private static void AppendIn<T>(StringBuilder sql, List<(string, object?)> parameters, string column, string prefix, IEnumerable<T>? values)
    {
        if (values is null) return;
        var list = values.Distinct().ToList();
        if (list.Count == 0) { sql.Append(" AND 1 = 0"); return; }
        sql.Append(" AND ").Append(column).Append(" IN (");
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append('@').Append(prefix).Append(i);
            parameters.Add((prefix + i, list[i]));
        }
        sql.Append(')');
    }

    /// <inheritdoc />
    /// <remarks>
    /// Both backends search a growing box through their spatial index until it holds enough parcels, then widen it
    /// once to the k-th distance so nothing nearer lies outside, and rank by plane distance in the Gauss-Krüger zone of
    /// <paramref name="point"/> (<see cref="MetricPlane.For(Geometry)"/>: EPSG:4547 in Pingdingshan, 4548 in Beijing).
    /// </remarks>
    public Task<IReadOnlyList<NearbyParcel>> NearestParcelsAsync(Point point, int count, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<NearbyParcel>>(async c =>
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
            var plane = MetricPlane.For(point);
            var origin = plane.ToPlane(point);
            var metresPerLonDegree = MetresPerDegree * Math.Cos(point.Y * Math.PI / 180);
            async Task<List<NearbyParcel>> Within(double radius)
            {
                var box = new Envelope(point.X - radius, point.X + radius, point.Y - radius, point.Y + radius);
                var command = Command(c, null, ParcelSelect + " WHERE r.superseded_by IS NULL AND g.geom IS NOT NULL AND " + BoxFilterSql, [.. BoxParameters(box)]);
                return (await ReadParcelsAsync(command, cancellationToken))
                    .Select(p => new NearbyParcel(p, plane.ToPlane(p.Geometry!).Distance(origin))).OrderBy(n => n.DistanceM).ThenBy(n => n.Parcel.Id).ToList();
            }
            var radius = 0.01;
            var found = await Within(radius);
            while (found.Count < count && radius < 10) found = await Within(radius *= 4);
            if (found.Count >= count)
            {
                var reach = found[count - 1].DistanceM / metresPerLonDegree * 1.01;
                if (reach > radius) found = await Within(reach);
            }
            return found.Take(count).ToList();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<ParcelDetail?> GetParcelAsync(long parcelId, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
        {
            var parcels = await ReadParcelsAsync(Command(c, null, ParcelSelect + " WHERE p.id = @id", ("id", parcelId)), cancellationToken);
            if (parcels.Count == 0) return null;
            var history = new List<GeometryVersion>();
            await using var reader = await Command(c, null, $"SELECT {VersionColumns} FROM parcel_geometries g WHERE g.parcel_id = @id ORDER BY g.version_no, g.id",
                ("id", parcelId)).ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) history.Add(ReadVersion(reader, 0));
            return new ParcelDetail(parcels[0], history);
        }, cancellationToken);

    private protected static IEnumerable<(string, object?)> BoxParameters(Envelope box) =>
        [("bb_min_x", box.MinX), ("bb_min_y", box.MinY), ("bb_max_x", box.MaxX), ("bb_max_y", box.MaxY)];

    private long _parcelRowsRead;

    /// <inheritdoc cref="IParcelStore.ParcelRowsRead" />
    public long ParcelRowsRead => Interlocked.Read(ref _parcelRowsRead);

    private async Task<List<ParcelRecord>> ReadParcelsAsync(DbCommand command, CancellationToken ct)
    {
        var result = new List<ParcelRecord>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result.Add(ReadParcel(r));
        return result;
    }

    private ParcelRecord ReadParcel(DbDataReader r)
    {
        Interlocked.Increment(ref _parcelRowsRead);
        return new ParcelRecord
            {
                Id = Long(r, 0), ReportId = Long(r, 1), FileName = r.GetString(2), EntryId = Long(r, 3), District = StringOrNull(r, 4),
                PlanYear = IntOrNull(r, 5), Seq = Int(r, 6), Name = r.GetString(7), Location = StringOrNull(r, 8), Note = StringOrNull(r, 9),
                AreaMu = DoubleOrNull(r, 10), AreaMuComputed = DoubleOrNull(r, 11), Status = r.GetString(12), Confidence = DoubleOrNull(r, 13) ?? 0,
                Method = r.GetString(14), Version = Int(r, 15), MadeBy = r.GetString(16), Geometry = ReadGeometry(r, 17),
                ConstraintsJson = r.GetString(18), WarningsJson = r.GetString(19),
                PublicId = LongOrNull(r, 20) ?? 0, ReviewStatus = r.GetString(21), ReviewReason = StringOrNull(r, 22),
                LandUse = StringOrNull(r, 23) ?? "unclassified", LandUseName = StringOrNull(r, 24) ?? "", LandUseReason = StringOrNull(r, 25) ?? "",
                ProjectStage = StringOrNull(r, 26), AreaText = StringOrNull(r, 27), AreaQualifier = StringOrNull(r, 28), Approx = Int(r, 29) == 1,
                PartsJson = r.GetString(30), BoundsJson = r.GetString(31), SourceLine = Int(r, 32), SourceText = r.GetString(33),
                ConflictsJson = StringOrNull(r, 34),
            };
    }

    private GeometryVersion ReadVersion(DbDataReader r, int o) => new(
        Long(r, o), Int(r, o + 1), Int(r, o + 2) == 1, ReadGeometry(r, o + 3), r.GetString(o + 4), DoubleOrNull(r, o + 5) ?? 0, r.GetString(o + 6),
        r.GetString(o + 7), r.GetString(o + 8), DoubleOrNull(r, o + 9), r.GetString(o + 10), r.GetString(o + 11), StringOrNull(r, o + 12), Time(r, o + 13))
    {
        ConflictsJson = StringOrNull(r, o + 14),
    };
}
