using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;
using NetTopologySuite.Geometries;
using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;

namespace LandMap.Core.Tests.Gazetteer.Import;

public sealed class OsmImportTests : IDisposable
{
    private const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <osm version="0.6" generator="test">
          <node id="1" lat="33.745" lon="113.32"><tag k="place" v="village"/><tag k="name" v="魏寨村"/><tag k="name:en" v="Weizhai"/></node>
          <node id="2" lat="33.73" lon="113.32"/>
          <node id="3" lat="33.73" lon="113.33"/>
          <node id="4" lat="33.731" lon="113.34"/>
          <node id="5" lat="33.70" lon="113.30"><tag k="place" v="hamlet"/></node>
          <way id="10"><nd ref="2"/><nd ref="3"/><nd ref="4"/>
            <tag k="highway" v="primary"/><tag k="name" v="平安大道"/><tag k="alt_name" v="平安路;平安大街"/><tag k="old_name" v="老平安路"/></way>
          <way id="11"><nd ref="2"/><nd ref="3"/><tag k="highway" v="service"/></way>
          <relation id="20"><member type="way" ref="10" role=""/><tag k="type" v="route"/></relation>
        </osm>
        """;

    private readonly ImportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void OsmXmlGivesTheVillageAndTheNamedRoadWithAliases()
    {
        var result = new GazetteerImporter(_folder.Options() with { District = "卫东区" }).Read(_folder.Write("weidong.osm", Xml));

        AssertVillageAndRoad(result);
        Assert.Contains(result.Warnings, w => w.Contains("relation"));
    }

    [Fact]
    public void OsmPbfWrittenByOsmSharpReadsTheSame()
    {
        var path = _folder.File("weidong.osm.pbf");
        using (var xml = new XmlOsmStreamSource(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Xml))))
        {
            // The PBF writer needs full metadata on every element (its dense-node encoder reads it unchecked).
            var elements = xml.Select(WithMetadata).ToList();
            using var stream = File.Create(path);
            var target = new PBFOsmStreamTarget(stream);
            target.RegisterSource(new OsmEnumerableStreamSource(elements));
            target.Pull();
            target.Close();
        }

        var result = new GazetteerImporter(_folder.Options() with { District = "卫东区" }).Read(path);

        Assert.Equal("osm-pbf", result.Format);
        AssertVillageAndRoad(result);
    }

    [Fact]
    public void DoctypeWithEntitiesIsRejected()
    {
        var xml = Xml.Replace("<osm version", """<!DOCTYPE osm [<!ENTITY x SYSTEM "file:///etc/passwd">]><osm version""", StringComparison.Ordinal)
            .Replace("魏寨村", "&x;", StringComparison.Ordinal);

        var result = new GazetteerImporter(_folder.Options()).Read(_folder.Write("evil.osm", xml));

        Assert.Equal(ImportProblemCode.ReadFailed, Assert.Single(result.Problems).Code);
    }

    private static void AssertVillageAndRoad(GazetteerImportResult result)
    {
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(2, result.Features.Count);
        var village = result.Features.Single(f => f.Kind == PlaceKind.Village);
        Assert.Equal("魏寨村", village.Name);
        Assert.Equal(["Weizhai"], village.Aliases);
        Assert.Equal(113.32, village.Geometry.Coordinate.X, 1e-6);
        var road = result.Features.Single(f => f.Kind == PlaceKind.Road);
        Assert.Equal("平安大道", road.Name);
        Assert.Equal(["平安路", "平安大街", "老平安路"], road.Aliases);
        Assert.Equal("卫东区", road.District);
        Assert.Equal(3, Assert.IsType<LineString>(road.Geometry).NumPoints);
    }

    private static OsmGeo WithMetadata(OsmGeo g)
    {
        g.Version = 1;
        g.ChangeSetId = 1;
        g.UserId = 1;
        g.UserName = "test";
        g.TimeStamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        g.Visible = true;
        g.Tags ??= new TagsCollection();
        return g;
    }
}
