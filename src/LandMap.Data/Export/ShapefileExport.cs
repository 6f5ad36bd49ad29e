using LandMap.Core.Crs;
using System.Text;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace LandMap.Data.Export;

/// <summary>
/// Parcels as Esri Shapefiles with a WGS 84 .prj and a "UTF-8" .cpg so that GDAL, QGIS and ArcGIS read the Chinese
/// names. A shapefile holds one geometry type: polygons and multipolygons go to the named file, points (entries
/// without an area) to NAME_points.shp, lines (corridor works) to NAME_lines.shp; unresolved entries are skipped.
/// </summary>
internal static class ShapefileExport
{
    // DBF character fields hold at most 254 bytes; Chinese takes 3 bytes a character in UTF-8.
    private const int MaxFieldBytes = 254;

    private const string Wgs84Prj =
        "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    public static ExportResult Write(IReadOnlyList<ParcelRecord> parcels, string path, OutputDatum datum = OutputDatum.Wgs84)
    {
        var basePath = Path.ChangeExtension(path, null);
        var notes = new List<string>();
        var files = new List<string>();
        var groups = new (string Suffix, ShapeType Type, Func<Geometry, bool> Holds)[]
        {
            ("", ShapeType.Polygon, g => g is IPolygonal),
            ("_points", ShapeType.Point, g => g is Point),
            ("_lines", ShapeType.PolyLine, g => g is ILineal),
        };
        var written = 0;
        var truncated = 0;
        foreach (var (suffix, type, holds) in groups)
        {
            var members = parcels.Where(p => p.Geometry is { } g && holds(g)).ToList();
            if (members.Count == 0 && suffix.Length > 0) continue;
            var shp = basePath + suffix + ".shp";
            var options = new ShapefileWriterOptions(type, Fields(datum)) { Encoding = Encoding.UTF8, Projection = Wgs84Prj };
            using (var writer = Shapefile.OpenWrite(shp, options))
            {
                foreach (var p in members)
                {
                    var attributes = GeoJsonExport.Attributes(p, datum);
                    foreach (var name in attributes.GetNames())
                    {
                        if (attributes[name] is string text && Encoding.UTF8.GetByteCount(text) > MaxFieldBytes)
                        {
                            attributes[name] = Truncate(text);
                            truncated++;
                        }
                    }
                    writer.Write(new Feature(p.Geometry, attributes));
                }
            }
            // GDAL reads the .cpg to decode the .dbf; write it whatever the library does.
            File.WriteAllText(Path.ChangeExtension(shp, ".cpg"), "UTF-8");
            files.AddRange(new[] { ".shp", ".shx", ".dbf", ".prj", ".cpg" }.Select(e => Path.ChangeExtension(shp, e)));
            written += members.Count;
            if (suffix.Length > 0) notes.Add($"{members.Count} {type.ToString().ToLowerInvariant()} features in {Path.GetFileName(shp)}");
        }
        var skipped = parcels.Count(p => p.Geometry is null);
        if (skipped > 0) notes.Add($"{skipped} unresolved parcels have no geometry and are not in the shapefile");
        if (truncated > 0) notes.Add($"{truncated} text values were cut to the DBF limit of {MaxFieldBytes} bytes");
        return new ExportResult(written, files, notes);
    }

    // A GCJ-02/BD-09 export's .prj still says WGS 84 (those datums have no EPSG code or WKT): the datum field says which.
    private static DbfField[] Fields(OutputDatum datum) => datum == OutputDatum.Wgs84 ? Columns() : [.. Columns(), new DbfCharacterField("datum", 8)];

    private static DbfField[] Columns() =>
    [
        new DbfNumericInt64Field("id"), new DbfCharacterField("file", MaxFieldBytes), new DbfCharacterField("district", 32),
        new DbfNumericInt32Field("plan_year"), new DbfNumericInt32Field("seq"), new DbfCharacterField("name", MaxFieldBytes),
        new DbfCharacterField("location", MaxFieldBytes), new DbfCharacterField("note", MaxFieldBytes), new DbfNumericDoubleField("area_mu", 18, 3),
        new DbfNumericDoubleField("area_calc", 18, 3), new DbfCharacterField("status", 16), new DbfNumericDoubleField("confidence", 8, 4),
        new DbfCharacterField("method", 64), new DbfNumericInt32Field("version"), new DbfCharacterField("made_by", 64),
        new DbfCharacterField("land_use", 32), new DbfCharacterField("use_name", 32), new DbfCharacterField("conflicts", MaxFieldBytes),
    ];

    private static string Truncate(string text)
    {
        var end = text.Length;
        // Cut on a text element boundary so no character is split across the byte limit.
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, end)) > MaxFieldBytes) end--;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end];
    }
}
