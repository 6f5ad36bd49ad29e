using System.Text;
using CsCheck;
using LandMap.Core.Layers;
using LandMap.Core.Layers.Sources;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace LandMap.Core.Tests.Layers;

/// <summary>
/// Whatever bytes a layer file holds, the readers answer with problems, features, or a <see cref="LayerReadException"/>:
/// nothing else escapes the reader boundary, and nothing hangs.
/// </summary>
public class LayerReaderPropertyTests
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("landmap-layer-prop").FullName;

    private static readonly byte[] GeoJson = Encoding.UTF8.GetBytes("""
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
         {"type":"Feature","id":7,"properties":{"BSM":"1","DLMC":"水田"},"geometry":{"type":"Polygon","coordinates":[[[430000,3720000],[430100,3720000],[430100,3720100],[430000,3720000]]]}},
         {"type":"Feature","properties":{"BSM":"2","DLMC":"旱地"},"geometry":{"type":"MultiPolygon","coordinates":[[[[430200,3720000],[430300,3720000],[430300,3720100],[430200,3720000]]]]}}]}
        """);

    private static readonly (byte[] Shp, byte[] Dbf) Shapefile = WriteShapefile();

    private static (byte[], byte[]) WriteShapefile()
    {
        var path = Path.Combine(Folder, "base.shp");
        var factory = new GeometryFactory();
        var features = Enumerable.Range(0, 4).Select(i => new Feature(
            factory.CreatePolygon([new(430000 + i * 200, 3720000), new(430100 + i * 200, 3720000), new(430100 + i * 200, 3720100), new(430000 + i * 200, 3720000)]),
            new AttributesTable { { "BSM", $"{i}" }, { "DLMC", "水田" } })).ToList();
        NetTopologySuite.IO.Esri.Shapefile.WriteAllFeatures(features, path, encoding: Encoding.UTF8);
        return (File.ReadAllBytes(path), File.ReadAllBytes(Path.ChangeExtension(path, ".dbf")));
    }

    private static Gen<byte[]> Hostile(byte[] valid) => Gen.OneOf(
        Gen.Int[0, valid.Length].Select(n => valid[..n]),
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte.Array[1, 16], (at, junk) =>
        {
            var copy = (byte[])valid.Clone();
            junk.AsSpan(0, Math.Min(junk.Length, copy.Length - at)).CopyTo(copy.AsSpan(at));
            return copy;
        }),
        Gen.Byte.Array[0, 400]);

    // A read that does not end is a failure too: the watchdog names the file it hung on (the file is kept).
    private static void ReadsWithoutEscaping(string path)
    {
        var read = Task.Run(() => ReadOnce(path));
        Assert.True(read.Wait(TimeSpan.FromSeconds(20)), $"The reader did not finish reading {path} within 20 s.");
    }

    private static void ReadOnce(string path)
    {
        using var reading = LayerReader.Open(path, new LayerReadOptions { Kind = LayerKind.LandSurvey, Crs = Core.Crs.SourceCrs.Parse("EPSG:4547").Value });
        if (!reading.IsOpen)
        {
            Assert.NotEmpty(reading.Problems);
            return;
        }
        try
        {
            foreach (var feature in reading.Features()) Assert.True(feature.Geometry.IsValid);
        }
        catch (LayerReadException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Problem.Message));
        }
    }

    [Fact]
    public void HostileGeoJsonNeverThrowsPastTheReader() =>
        Hostile(GeoJson).Sample(bytes =>
        {
            var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.geojson");
            File.WriteAllBytes(path, bytes);
            ReadsWithoutEscaping(path);
        }, iter: 300);

    [Fact]
    public void HostileShapefileNeverThrowsPastTheReader() =>
        Gen.Select(Hostile(Shapefile.Shp), Hostile(Shapefile.Dbf), Gen.Bool).Sample((shp, dbf, breakDbf) =>
        {
            var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.shp");
            File.WriteAllBytes(path, shp);
            File.WriteAllBytes(Path.ChangeExtension(path, ".dbf"), breakDbf ? dbf : Shapefile.Dbf);
            ReadsWithoutEscaping(path);
        }, iter: 300);
}
