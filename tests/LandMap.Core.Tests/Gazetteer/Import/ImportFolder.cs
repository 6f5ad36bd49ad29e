using System.Text;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;
using NetTopologySuite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace LandMap.Core.Tests.Gazetteer.Import;

/// <summary>A temp folder for import inputs, with a gazetteer folder inside; writers for real test files.</summary>
internal sealed class ImportFolder : IDisposable
{
    /// <summary>A road at 113.33E, 33.73N (平安大道's stretch in Weidong), west to east, in WGS 84.</summary>
    public static readonly (double Lon, double Lat)[] Road = [(113.32, 33.73), (113.33, 33.73), (113.34, 33.731)];

    public static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory();

    public string Path { get; } = Directory.CreateTempSubdirectory("landmap-import-").FullName;

    public string Gazetteer => System.IO.Path.Combine(Path, "gazetteer");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        System.IO.File.WriteAllText(File(name), text, new UTF8Encoding(false));
        return File(name);
    }

    /// <summary>Options that write into this folder's gazetteer.</summary>
    public GazetteerImportOptions Options(PlaceKind? kind = null) => new() { GazetteerDirectory = Gazetteer, Kind = kind };

    /// <summary>A WGS 84 line as EPSG:4547 (E, N) metres.</summary>
    public static LineString Gk(params (double Lon, double Lat)[] points) =>
        Factory.CreateLineString(points.Select(p => MetricPlane.Gk114.ToPlane(p.Lon, p.Lat)).Select(p => new Coordinate(p.E, p.N)).ToArray());

    /// <summary>Writes a polyline Shapefile with fields 名称 and 区县, a .prj of <paramref name="prjWkt"/> (none when null).</summary>
    public string WriteShapefile(string stem, IEnumerable<(string Name, string District, Geometry Line)> rows, string? prjWkt, Encoding encoding)
    {
        var options = new ShapefileWriterOptions(ShapeType.PolyLine) { Encoding = encoding, Projection = prjWkt };
        options.AddCharacterField("名称", 40);
        options.AddCharacterField("区县", 20);
        using (var writer = Shapefile.OpenWrite(File(stem), options))
        {
            foreach (var (name, district, line) in rows)
            {
                writer.Write(new Feature(line, new AttributesTable { { "名称", name }, { "区县", district } }));
            }
        }

        return File(stem + ".shp");
    }

    /// <summary>Two stretches of 平安大道 and one of 平郏东路, in EPSG:4547.</summary>
    public static (string, string, Geometry)[] Roads() =>
    [
        ("平安大道", "卫东区", Gk(Road[0], Road[1])),
        ("平安大道", "卫东区", Gk(Road[1], Road[2])),
        ("平郏东路", "卫东区", Gk((113.30, 33.70), (113.303, 33.73))),
    ];

    /// <summary>A FeatureCollection with an optional crs member.</summary>
    public static string Collection(int? epsg, params string[] features)
    {
        var crs = epsg is { } e ? $"\"crs\": {{\"type\": \"name\", \"properties\": {{\"name\": \"urn:ogc:def:crs:EPSG::{e}\"}}}}, " : "";
        return $$"""{"type": "FeatureCollection", {{crs}}"features": [{{string.Join(",\n", features)}}]}""";
    }

    public static string Feature(string geometry, string properties) =>
        $$"""{"type": "Feature", "geometry": {{geometry}}, "properties": {{properties}}}""";

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
