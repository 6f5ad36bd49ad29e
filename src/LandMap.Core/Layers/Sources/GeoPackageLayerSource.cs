using System.Globalization;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer.Import;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Core.Layers.Sources;

/// <summary>
/// Streams one feature table of an OGC GeoPackage, read-only, row by row. The table is <see cref="LayerReadOptions.Layer"/>,
/// or the only feature table. The CRS comes from <c>gpkg_spatial_ref_sys</c> (an EPSG code LandMap knows, else the WKT);
/// each geometry blob is checked (<see cref="WkbScanner"/>, depth and vertex caps) before NTS reads it.
/// </summary>
internal sealed class GeoPackageLayerSource : ILayerSource
{
    private readonly SqliteConnection _db;
    private readonly string _table;
    private readonly string _column;
    private readonly string? _pk;
    private readonly LayerReadOptions _options;

    private GeoPackageLayerSource(SqliteConnection db, string file, string table, string column, SourceCrs? crs, LayerReadOptions options)
    {
        (_db, _table, _column, DeclaredCrs, _options) = (db, table, column, crs, options);
        Where = $"{file}/{table}";
        var fields = new List<LayerField>();
        using (var info = Command($"PRAGMA table_info({Quote(table)})").ExecuteReader())
        {
            while (info.Read())
            {
                var name = info.GetString(1);
                if (info.GetInt32(5) > 0 && _pk is null) _pk = name;
                else if (!string.Equals(name, column, StringComparison.OrdinalIgnoreCase)) fields.Add(new LayerField(name, TypeOf(info.IsDBNull(2) ? "" : info.GetString(2))));
            }
        }
        Fields = fields;
        using (var extent = Command("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = $t", ("$t", table)).ExecuteReader())
        {
            if (extent.Read() && !extent.IsDBNull(0) && !extent.IsDBNull(2))
                DeclaredExtent = new Envelope(extent.GetDouble(0), extent.GetDouble(2), extent.GetDouble(1), extent.GetDouble(3));
        }
        Count = Convert.ToInt64(Command($"SELECT COUNT(*) FROM {Quote(table)}").ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public string Format => "geopackage";

    public string Where { get; }

    public SourceCrs? DeclaredCrs { get; }

    public IReadOnlyList<LayerField> Fields { get; }

    public string? Encoding => null;

    public Envelope? DeclaredExtent { get; }

    public long? Count { get; }

    public static GeoPackageLayerSource? Open(string path, LayerReadOptions options, ImportProblems problems)
    {
        var file = Path.GetFileName(path);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            db.Open();
            var tables = new List<(string Table, string Column, int SrsId)>();
            using (var command = db.CreateCommand())
            {
                command.CommandText = """
                    SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
                    WHERE c.data_type = 'features' ORDER BY c.table_name
                    """;
                using var r = command.ExecuteReader();
                while (r.Read()) tables.Add((r.GetString(0), r.GetString(1), r.GetInt32(2)));
            }
            var names = tables.Count == 0 ? "none" : string.Join(", ", tables.Select(t => t.Table));
            var chosen = options.Layer is null ? tables : tables.Where(t => string.Equals(t.Table, options.Layer, StringComparison.OrdinalIgnoreCase)).ToList();
            if (chosen.Count != 1)
            {
                problems.FileProblem(ImportProblemCode.LayerNotFound, file, chosen.Count > 1
                    ? $"The GeoPackage holds several feature tables ({names}); pass --layer TABLE to pick one."
                    : options.Layer is null ? "The GeoPackage has no feature table." : $"No feature table '{options.Layer}'; the tables are: {names}.");
                db.Dispose();
                return null;
            }
            var (table, column, srsId) = chosen[0];
            var crs = Crs(db, srsId, $"{file}/{table}", options, problems);
            if (problems.Any)
            {
                db.Dispose();
                return null;
            }
            return new GeoPackageLayerSource(db, file, table, column, crs, options);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            problems.FileProblem(ImportProblemCode.ReadFailed, file, $"Cannot read the GeoPackage (SQLite: {e.Message}); is it a .gpkg?");
            return null;
        }
    }

    public IEnumerable<RawFeature> Read(CancellationToken cancellationToken)
    {
        var reader = new GeoPackageGeoReader { HandleOrdinates = Ordinates.XY };
        var limits = new GazetteerImportOptions { MaxNestingDepth = _options.MaxNestingDepth, MaxVerticesPerFeature = _options.MaxVerticesPerFeature };
        using var command = Command($"SELECT * FROM {Quote(_table)}");
        SqliteDataReader rows;
        try
        {
            rows = command.ExecuteReader();
        }
        catch (SqliteException e)
        {
            throw new LayerReadException(new ImportProblem(ImportProblemCode.ReadFailed, Where, null, null, null, $"Cannot read the table (SQLite: {e.Message})."));
        }
        using (rows)
        {
            for (var index = 0; ; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
                byte[]? blob = null;
                string? fid = null;
                try
                {
                    if (!rows.Read()) yield break;
                    for (var i = 0; i < rows.FieldCount; i++)
                    {
                        var name = rows.GetName(i);
                        var value = rows.IsDBNull(i) ? null : rows.GetValue(i);
                        if (string.Equals(name, _column, StringComparison.OrdinalIgnoreCase)) blob = value as byte[];
                        else if (string.Equals(name, _pk, StringComparison.Ordinal)) fid = Convert.ToString(value, CultureInfo.InvariantCulture);
                        else attributes[name] = value is byte[] bytes ? Convert.ToBase64String(bytes) : value;
                    }
                }
                catch (SqliteException e)
                {
                    // A corrupt page: SQLite cannot say where the table goes on, so nothing of it may be stored.
                    throw new LayerReadException(new ImportProblem(ImportProblemCode.ReadFailed, Where, index, null, null,
                        $"Cannot read the row (SQLite: {e.Message}); the GeoPackage is corrupt: export it again."));
                }
                var (geometry, problem) = GeoPackageSource.ReadGeometry(blob, reader, limits);
                yield return new RawFeature(index, fid, geometry, attributes) { Problem = problem };
            }
        }
    }

    public void Dispose() => _db.Dispose();

    private static SourceCrs? Crs(SqliteConnection db, int srsId, string where, LayerReadOptions options, ImportProblems problems)
    {
        using var command = db.CreateCommand();
        command.CommandText = "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id";
        command.Parameters.AddWithValue("$id", srsId);
        using var r = command.ExecuteReader();
        var found = r.Read();
        var organization = found && !r.IsDBNull(0) ? r.GetString(0) : null;
        var code = found && !r.IsDBNull(1) ? r.GetInt32(1) : 0;
        var definition = found && !r.IsDBNull(2) ? r.GetString(2) : null;
        if (string.Equals(organization, "EPSG", StringComparison.OrdinalIgnoreCase) && SourceCrs.FromEpsg(code) is { IsSuccess: true } byCode) return byCode.Value;
        CrsResult<SourceCrs>? byWkt = definition is null || definition.Equals("undefined", StringComparison.OrdinalIgnoreCase) || srsId is 0 or -1
            ? null : SourceCrs.FromWkt(definition);
        if (byWkt is { IsSuccess: true } ok) return ok.Value;
        if (options.Crs is null)
        {
            var why = byWkt?.Error?.Message ?? $"srs_id {srsId} ({organization ?? "no organization"} {code}) is undefined or unknown";
            problems.FileProblem(byWkt is null ? ImportProblemCode.MissingCrs : ImportProblemCode.UnsupportedCrs, where, $"{why}; pass --crs EPSG:N.");
        }
        return null;
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static string TypeOf(string declared) => declared.ToUpperInvariant() switch
    {
        var t when t.StartsWith("TEXT", StringComparison.Ordinal) => "string",
        "INTEGER" or "INT" or "MEDIUMINT" or "SMALLINT" or "TINYINT" => "integer",
        "BOOLEAN" => "boolean",
        "REAL" or "DOUBLE" or "FLOAT" => "real",
        "DATE" or "DATETIME" => "date",
        _ => "string",
    };

    // Table names cannot be parameters; they come from gpkg_contents, so quote them as identifiers.
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
