using System.Globalization;
using LandMap.Core.Crs;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Reads the feature tables of an OGC GeoPackage (every one, or <see cref="GazetteerImportOptions.Layer"/>),
/// read-only. The CRS of a table comes from <c>gpkg_spatial_ref_sys</c>: the EPSG code when the organization
/// is EPSG and LandMap knows it, else the WKT definition; srs_id 0 / -1 (undefined) needs <c>--crs</c>.
/// Each geometry blob is checked by <see cref="WkbScanner"/> before NTS's reader sees it.
/// </summary>
public sealed class GeoPackageSource : IGazetteerSource
{
    /// <inheritdoc />
    public string Format => "geopackage";

    /// <inheritdoc />
    public SourceReadResult Read(string path, GazetteerImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        var problems = new ImportProblems(options.MaxProblems);
        var features = new List<SourceFeature>();
        var warnings = new List<string>();
        if (!File.Exists(path))
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, file, "The file does not exist.");
            return SourceReadResult.From(problems, features, warnings);
        }

        // Pooling off: a pooled connection keeps the file open after the import, which blocks deleting it on Windows.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var db = new SqliteConnection(connectionString);
            db.Open();
            var layers = Layers(db, file, options, problems);
            foreach (var (table, column, srsId) in layers)
            {
                var crs = Crs(db, srsId, $"{file}/{table}", options, problems);
                ReadTable(db, table, column, crs, $"{file}/{table}", options, problems, features, progress, cancellationToken);
            }
        }
        catch (SqliteException e)
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, file, $"Cannot read the GeoPackage (SQLite: {e.Message}); is it a .gpkg?");
        }

        return SourceReadResult.From(problems, features, warnings);
    }

    private static List<(string Table, string Column, int SrsId)> Layers(SqliteConnection db, string file, GazetteerImportOptions options, ImportProblems problems)
    {
        using var command = db.CreateCommand();
        command.CommandText = """
            SELECT c.table_name, g.column_name, g.srs_id
            FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
            WHERE c.data_type = 'features' ORDER BY c.table_name
            """;
        var all = new List<(string, string, int)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                all.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }

        var chosen = options.Layer is null ? all : all.Where(l => string.Equals(l.Item1, options.Layer, StringComparison.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
        {
            var names = all.Count == 0 ? "none" : string.Join(", ", all.Select(l => l.Item1));
            problems.FileProblem(ImportProblemCode.LayerNotFound, file,
                options.Layer is null ? "The GeoPackage has no feature table." : $"No feature table '{options.Layer}'; the tables are: {names}.");
        }

        return chosen;
    }

    private static CrsDefinition? Crs(SqliteConnection db, int srsId, string where, GazetteerImportOptions options, ImportProblems problems)
    {
        using var command = db.CreateCommand();
        command.CommandText = "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id";
        command.Parameters.AddWithValue("$id", srsId);
        using var reader = command.ExecuteReader();
        var found = reader.Read();
        var organization = found && !reader.IsDBNull(0) ? reader.GetString(0) : null;
        var code = found && !reader.IsDBNull(1) ? reader.GetInt32(1) : 0;
        var definition = found && !reader.IsDBNull(2) ? reader.GetString(2) : null;
        if (string.Equals(organization, "EPSG", StringComparison.OrdinalIgnoreCase) && KnownCrs.FromEpsg(code) is { IsSuccess: true } byCode)
        {
            return byCode.Value;
        }

        CrsResult<CrsDefinition>? byWkt = definition is null || definition.Equals("undefined", StringComparison.OrdinalIgnoreCase) || srsId is 0 or -1
            ? null
            : KnownCrs.FromWkt(definition);
        if (byWkt is { IsSuccess: true } ok)
        {
            return ok.Value;
        }

        if (options.Crs is null)
        {
            var why = byWkt?.Error?.Message ?? $"srs_id {srsId} ({organization ?? "no organization"} {code}) is undefined or unknown";
            problems.FileProblem(byWkt is null ? ImportProblemCode.MissingCrs : ImportProblemCode.UnsupportedCrs, where, $"{why}; pass --crs EPSG:N.");
        }

        return null;
    }

    private static void ReadTable(SqliteConnection db, string table, string column, CrsDefinition? crs, string where, GazetteerImportOptions options,
        ImportProblems problems, List<SourceFeature> features, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var reader = new GeoPackageGeoReader { HandleOrdinates = Ordinates.XY };
        using var command = db.CreateCommand();

        // Table names cannot be parameters; they come from gpkg_contents, so quote them as identifiers.
        command.CommandText = $"SELECT * FROM {Quote(table)}";
        using var rows = command.ExecuteReader();
        var index = 0;
        while (rows.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
            byte[]? blob = null;
            string? fid = null;
            for (var i = 0; i < rows.FieldCount; i++)
            {
                var name = rows.GetName(i);
                var value = rows.IsDBNull(i) ? null : rows.GetValue(i);
                if (string.Equals(name, column, StringComparison.OrdinalIgnoreCase))
                {
                    blob = value as byte[];
                }
                else if (value is not byte[])
                {
                    attributes[name] = value;
                    fid ??= string.Equals(name, "fid", StringComparison.OrdinalIgnoreCase) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
                }
            }

            var id = fid is null ? null : "fid " + fid;
            var (geometry, problem) = ReadGeometry(blob, reader, options);
            if (geometry is not null)
            {
                features.Add(new SourceFeature(where, index, geometry, attributes) { Crs = crs, Id = id });
            }
            else
            {
                problems.Add(problem!.Value.Item1, where, index, id, column, problem.Value.Item2);
            }

            if (++index % 1000 == 0)
            {
                progress?.Report(new ImportProgress("reading", index, null));
            }
        }
    }

    internal static (Geometry? Geometry, (ImportProblemCode, string)? Problem) ReadGeometry(byte[]? blob, GeoPackageGeoReader reader, GazetteerImportOptions options)
    {
        if (blob is null)
        {
            return (null, (ImportProblemCode.EmptyGeometry, "No geometry; delete the row or draw it."));
        }

        // GeoPackage binary: "GP", version, flags, srs_id, envelope (0/32/48/64 bytes by flags bits 1-3), then WKB.
        if (blob.Length < 8 || blob[0] != 'G' || blob[1] != 'P')
        {
            return (null, (ImportProblemCode.InvalidGeometry, "Not a GeoPackage geometry blob (no 'GP' header)."));
        }

        var flags = blob[3];
        if ((flags & 0x20) != 0)
        {
            return (null, (ImportProblemCode.InvalidGeometry, "An extended GeoPackage geometry type, which LandMap does not read."));
        }

        if ((flags & 0x10) != 0)
        {
            return (null, (ImportProblemCode.EmptyGeometry, "The geometry is empty; delete the row or draw it."));
        }

        var envelope = ((flags >> 1) & 0x07) switch { 0 => 0, 1 => 32, 2 or 3 => 48, 4 => 64, _ => -1 };
        if (envelope < 0 || blob.Length < 8 + envelope)
        {
            return (null, (ImportProblemCode.InvalidGeometry, "Corrupt GeoPackage geometry header."));
        }

        if (WkbScanner.Scan(blob.AsSpan(8 + envelope), options.MaxNestingDepth, options.MaxVerticesPerFeature) is { } bad)
        {
            return (null, bad);
        }

        try
        {
            return (reader.Read(blob), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ParseException or IOException)
        {
            return (null, (ImportProblemCode.InvalidGeometry, $"Cannot build the geometry: {e.Message}"));
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
