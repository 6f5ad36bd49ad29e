using System.IO.Compression;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace LandMap.Tests.Shared;

/// <summary>Hostile files made from valid ones (issue #16), for the server's and the CLI's hostile-input tests.</summary>
internal static class HostileFiles
{
    /// <summary>
    /// A zipped polygon Shapefile in EPSG:4547 (one 100 m square near 卫东区; .shp 236 bytes) whose .shp is cut after
    /// <paramref name="shpBytes"/> bytes, with its .shx and .dbf whole; <paramref name="points"/> replaces the record's
    /// point count (a cut file's count is whatever bytes follow, which the NTS reader allocates for).
    /// </summary>
    public static byte[] TruncatedShapefileZip(int shpBytes = 160, int? points = 100_000_000)
    {
        var folder = Directory.CreateTempSubdirectory("landmap-shp-").FullName;
        try
        {
            var stem = Path.Combine(folder, "survey");
            var options = new ShapefileWriterOptions(ShapeType.Polygon);
            options.AddCharacterField("name", 20);
            var factory = new GeometryFactory(new PrecisionModel(), 4547);
            var square = factory.CreatePolygon([new(435126, 3733933), new(435226, 3733933), new(435226, 3734033), new(435126, 3734033), new(435126, 3733933)]);
            using (var writer = Shapefile.OpenWrite(stem, options))
                writer.Write(new Feature(square, new AttributesTable { { "name", "square" } }));
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var extension in new[] { ".shp", ".shx", ".dbf" })
                {
                    var bytes = File.ReadAllBytes(stem + extension);
                    if (extension == ".shp")
                    {
                        // Record 1's point count is at byte 148: file header 100, record header 8, type 4, box 32, parts 4.
                        if (points is { } count) BitConverter.GetBytes(count).CopyTo(bytes, 148);
                        bytes = bytes[..Math.Min(shpBytes, bytes.Length)];
                    }
                    using var entry = zip.CreateEntry("survey" + extension).Open();
                    entry.Write(bytes);
                }
            }
            return buffer.ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
