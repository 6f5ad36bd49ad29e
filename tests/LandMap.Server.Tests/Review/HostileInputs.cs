using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using static LandMap.Server.Tests.Review.ReviewRequests;

namespace LandMap.Server.Tests.Review;

/// <summary>One hostile request: which endpoint it targets, what it is, and how to send it.</summary>
internal sealed record HostileInput(string Endpoint, string Name, Func<HttpClient, string, Task<HttpResponseMessage>> Send);

/// <summary>The hostile inputs, per endpoint. Each must be refused with a 4xx problem and change nothing.</summary>
internal static class HostileInputs
{
    private const string Geometry = "PUT /api/parcels/{id}/geometry";
    private const string Status = "POST /api/parcels/{id}/status";
    private const string Survey = "POST /api/parcels/{id}/survey";
    private const string Queue = "GET /api/review/queue";
    private const string Links = "POST /api/plans/links";
    private const string Check = "POST /api/parcels/{id}/check";
    private const string Reads = "GET /tiles, /api/parcels (paths)";
    private const string Sql = "' OR '1'='1'; DROP TABLE parcels; --";
    private const string OgcItems = "GET /ogc/collections/{id}/items (filter)";
    private const string OgcTiles = "GET /ogc/collections/{id}/tiles/…/{tileMatrix}/{tileRow}/{tileCol}, f";

    public static IEnumerable<HostileInput> All()
    {
        HostileInput Put(string name, string json) => new(Geometry, name, (c, etag) => PutRawAsync(c, json, etag));
        HostileInput PutGeometry(string name, string geometry) => Put(name, $$"""{"geometry": {{geometry}}, "comment": "{{Sql}}"}""");
        HostileInput Post(string name, string json) => new(Status, name, (c, etag) => SendAsync(c, HttpMethod.Post, $"/api/parcels/{ParcelId}/status",
            new StringContent(json, Encoding.UTF8, "application/json")));
        HostileInput Upload(string name, byte[] content, string file) => new(Survey, name, (c, etag) =>
            SendAsync(c, HttpMethod.Post, $"/api/parcels/{ParcelId}/survey", ReviewRequests.Upload(content, file)));
        HostileInput CheckOutline(string name, string json) => new(Check, name, (c, _) => SendAsync(c, HttpMethod.Post, $"/api/parcels/{ParcelId}/check",
            new StringContent(json, Encoding.UTF8, "application/json")));
        HostileInput Link(string name, string json) => new(Links, name, (c, _) => SendAsync(c, HttpMethod.Post, "/api/plans/links",
            new StringContent(json, Encoding.UTF8, "application/json")));
        // A valid outline in a body whose Content-Type is not UTF-8 JSON: only the header is wrong.
        HostileInput WithContentType(string name, string contentType) => new(Geometry, name, (c, etag) =>
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(
                "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.352,33.77],[113.352,33.772],[113.35,33.77]]]}}"));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return SendAsync(c, HttpMethod.Put, $"/api/parcels/{ParcelId}/geometry", content, etag);
        });
        HostileInput Get(string endpoint, string name, string url) => new(endpoint, name, (c, etag) => c.GetAsync(url));

        yield return PutGeometry("self-intersecting bow-tie", "{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.352,33.772],[113.352,33.77],[113.35,33.772],[113.35,33.77]]]}");
        yield return PutGeometry("unclosed ring", "{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.352,33.77],[113.352,33.772],[113.35,33.772]]]}");
        yield return PutGeometry("NaN as a string", "{\"type\":\"Polygon\",\"coordinates\":[[[\"NaN\",33.77],[113.352,33.77],[113.352,33.772],[\"NaN\",33.77]]]}");
        yield return PutGeometry("1e999 (Infinity)", "{\"type\":\"Polygon\",\"coordinates\":[[[1e999,33.77],[113.352,33.77],[113.352,33.772],[1e999,33.77]]]}");
        yield return Put("bare Infinity token", "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[Infinity,33.77]]]}}");
        yield return PutGeometry("empty Polygon", "{\"type\":\"Polygon\",\"coordinates\":[]}");
        yield return PutGeometry("empty MultiPolygon", "{\"type\":\"MultiPolygon\",\"coordinates\":[]}");
        yield return PutGeometry("Point", "{\"type\":\"Point\",\"coordinates\":[113.35,33.77]}");
        yield return PutGeometry("GeometryCollection", "{\"type\":\"GeometryCollection\",\"geometries\":[]}");
        yield return PutGeometry("type with SQL", $"{{\"type\":\"Polygon{Sql.Replace("'", "\\u0027")}\",\"coordinates\":[]}}");
        yield return PutGeometry("swapped lat/lon", "{\"type\":\"Polygon\",\"coordinates\":[[[33.77,113.35],[33.77,113.352],[33.772,113.352],[33.77,113.35]]]}");
        yield return PutGeometry("projected metres", "{\"type\":\"Polygon\",\"coordinates\":[[[435126,3733933],[435226,3733933],[435226,3734033],[435126,3733933]]]}");
        yield return PutGeometry("100,001 vertices (cap 100,000)", Jagged(100_001, compact: true));
        yield return PutGeometry("10^6 vertices", Jagged(1_000_000, compact: false));
        yield return Put("JSON nested 10^5 deep", "{\"geometry\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        yield return Put("oversized body (2 MiB)", "{\"comment\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
        yield return Put("truncated JSON", "{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[113.35,");
        yield return Put("not an object", "[]");
        yield return Put("no geometry", "{\"comment\": \"hi\"}");
        yield return Put("lone surrogate in comment", "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]},\"comment\":\"\\ud800\"}");
        yield return PutGeometry("lone surrogate in geometry.type", "{\"type\":\"Polygon\\udc00\",\"coordinates\":[]}");
        yield return Put("lone surrogate as a member name", "{\"\\ud800\":1,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}}");
        yield return new(Geometry, "bytes that are not UTF-8 in comment", (c, etag) => SendAsync(c, HttpMethod.Put, $"/api/parcels/{ParcelId}/geometry",
            Bytes([.. "{\"comment\":\""u8, 0xFF, 0xFE, .. "\",\"geometry\":{}}"u8], "application/json"), etag));
        // Point 30 of issue 16: accepted before, though wrong.
        yield return PutGeometry("1e-12° square (1.5e-17 亩)", "{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.350000000001,33.77],[113.350000000001,33.770000000001],[113.35,33.77]]]}");
        yield return PutGeometry("3 m × 3 m square (9 m², under the 10 m² minimum)", "{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.35003,33.77],[113.35003,33.770027],[113.35,33.770027],[113.35,33.77]]]}");
        yield return PutGeometry("ring of 3 positions", "{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.352,33.77],[113.35,33.77]]]}");
        yield return WithContentType("Content-Type application/jsonx", "application/jsonx");
        yield return WithContentType("charset=utf-16 with a UTF-8 body", "application/json; charset=utf-16");
        yield return WithContentType("Content-Type application/json-patch (no +json)", "application/json-patch");
        yield return WithContentType("quoted charset=\"utf-16\"", "application/json; charset=\"utf-16\"");
        yield return WithContentType("unparseable Content-Type", "json");
        yield return new(Geometry, "text/plain body", (c, etag) => SendAsync(c, HttpMethod.Put, $"/api/parcels/{ParcelId}/geometry", new StringContent("POLYGON((1 1))"), etag));
        yield return new(Geometry, "If-Match with SQL", (c, _) => SendAsync(c, HttpMethod.Put, $"/api/parcels/{ParcelId}/geometry",
            JsonContent.Create(new { geometry = Square() }), null, [("If-Match", $"\"1{Sql}\"")]));
        yield return new(Geometry, "id with SQL", (c, etag) => SendAsync(c, HttpMethod.Put, $"/api/parcels/1{Uri.EscapeDataString(Sql)}/geometry",
            JsonContent.Create(new { geometry = Square() }), etag));

        yield return Post("unknown status", "{\"status\":\"published\"}");
        yield return Post("status with SQL", $"{{\"status\":\"reviewed{Sql.Replace("'", "\\u0027")}\"}}");
        yield return Post("surveyed without a file", "{\"status\":\"surveyed\"}");
        yield return Post("rejected without a reason", "{\"status\":\"rejected\",\"comment\":\"x\"}");
        yield return Post("status as a number", "{\"status\":1}");
        yield return Post("comment over 2000 characters", "{\"status\":\"reviewed\",\"comment\":\"" + new string('长', 2001) + "\"}");
        yield return Post("JSON nested 10^5 deep", "{\"status\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        yield return Post("oversized body (2 MiB)", "{\"comment\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
        yield return Post("truncated JSON", "{\"status\":\"revi");
        yield return Post("lone surrogate in status", "{\"status\":\"\\ud800\"}");
        yield return Post("lone surrogate in reason", "{\"status\":\"rejected\",\"reason\":\"x\\udfff\"}");
        yield return Post("lone surrogate in comment", "{\"status\":\"reviewed\",\"comment\":\"\\ud800\\ud800\"}");

        var txt = SurveyTxt();
        yield return Upload("path traversal ../../etc/passwd.txt", txt, "../../etc/passwd.txt");
        yield return Upload("path traversal ..\\..\\boot.txt", txt, "..\\..\\boot.txt");
        yield return Upload("absolute /etc/cron.d/x.txt", txt, "/etc/cron.d/x.txt");
        yield return Upload("encoded traversal %2e%2e%2f", txt, "%2e%2e%2fsecret.txt");
        yield return Upload("executable extension", txt, "survey.exe");
        yield return Upload("empty file", [], "empty.txt");
        yield return Upload("truncated TXT", txt[..(txt.Length * 2 / 3)], "truncated.txt");
        yield return Upload("mojibake (UTF-8 saved again as if Latin-1)", Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(txt)), "mojibake.txt");
        yield return Upload("UTF-16 cut to an odd length", Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(txt))[..101], "odd.txt");
        yield return Upload("random binary as TXT", Random(4096, 1), "binary.txt");
        yield return Upload("swapped X/Y TXT", SurveyTxt(swap: true), "swapped.txt");
        yield return Upload("unclosed TXT", SurveyTxt(close: false), "unclosed.txt");
        yield return Upload("truncated zip", Zip(("a.shp", Random(1000, 3)))[..200], "a.zip");
        yield return Upload("zip bomb (64 MiB of zeros)", Zip(("bomb.shp", new byte[64 * 1024 * 1024]), ("bomb.shx", new byte[100]), ("bomb.dbf", new byte[100])), "bomb.zip");
        yield return Upload("zip entry ../../evil.shp", Zip(("../../evil.shp", new byte[100]), ("../../evil.dbf", new byte[100])), "evil.zip");
        yield return Upload("random bytes as GeoPackage", Random(8192, 2), "survey.gpkg");
        yield return Upload("GeoJSON Point", FeatureCollection("{\"type\":\"Point\",\"coordinates\":[113.35,33.77]}"), "p.geojson");
        yield return Upload("GeoJSON nested 10^5 deep", Encoding.UTF8.GetBytes("{\"type\":" + new string('[', 100_000) + new string(']', 100_000) + "}"), "deep.geojson");
        yield return Upload("GeoJSON bow-tie", FeatureCollection("{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.352,33.772],[113.352,33.77],[113.35,33.772],[113.35,33.77]]]}"), "bowtie.geojson");
        yield return Upload("GeoJSON lone surrogate in properties", Encoding.UTF8.GetBytes("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"\\ud800\","
            + "\"properties\":{\"name\":\"\\ud800\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.352,33.77],[113.352,33.772],[113.35,33.77]]]}}]}"), "surrogate.geojson");
        yield return Upload("GeoJSON ring of 3 positions", FeatureCollection("{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.352,33.77],[113.35,33.77]]]}"), "ring3.geojson");
        yield return Upload("GeoJSON 1e-12° square", FeatureCollection("{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.350000000001,33.77],[113.350000000001,33.770000000001],[113.35,33.77]]]}"), "speck.geojson");
        yield return Upload("GeoJSON declaring EPSG:4547 but holding degrees", Encoding.UTF8.GetBytes("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4547\"}},"
            + "\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.352,33.77],[113.352,33.772],[113.35,33.77]]]}}]}"), "degrees4547.geojson");
        yield return Upload("Shapefile cut at 160 of 236 bytes, 10^8 points declared", LandMap.Tests.Shared.HostileFiles.TruncatedShapefileZip(), "cut.zip");
        yield return Upload("Shapefile cut at 148 of 236 bytes", LandMap.Tests.Shared.HostileFiles.TruncatedShapefileZip(148, points: null), "cut148.zip");
        yield return Upload("Shapefile cut at 120 of 236 bytes", LandMap.Tests.Shared.HostileFiles.TruncatedShapefileZip(120, points: null), "cut120.zip");
        yield return Upload("oversized upload (21 MiB)", new byte[21 * 1024 * 1024], "huge.txt");
        yield return new(Survey, "JSON instead of multipart", (c, _) => SendAsync(c, HttpMethod.Post, $"/api/parcels/{ParcelId}/survey", JsonContent.Create(new { file = "x" })));
        yield return new(Survey, "multipart without a file", (c, _) => SendAsync(c, HttpMethod.Post, $"/api/parcels/{ParcelId}/survey",
            new MultipartFormDataContent { { new StringContent(Sql), "comment" } }));

        yield return CheckOutline("self-intersecting bow-tie", "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[113.35,33.77],[113.352,33.772],[113.352,33.77],[113.35,33.772],[113.35,33.77]]]}}");
        yield return CheckOutline("no geometry", "{\"comment\":\"x\"}");
        yield return CheckOutline("10^6 vertices", "{\"geometry\":" + Jagged(1_000_000, compact: false) + "}");
        yield return CheckOutline("JSON nested 10^5 deep", "{\"geometry\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        yield return CheckOutline("projected metres", "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[435126,3733933],[435226,3733933],[435226,3734033],[435126,3733933]]]}}");

        const string from = "\"from\":{\"planYear\":2021,\"seq\":22}";
        const string to = "\"to\":{\"planYear\":2023,\"seq\":17}";
        yield return Link("unknown decision", $"{{\"district\":\"卫东区\",{from},{to},\"decision\":\"merge\"}}");
        yield return Link("district with SQL", $"{{\"district\":\"卫东区{Sql.Replace("'", "\\u0027")}\",{from},{to},\"decision\":\"break\"}}");
        yield return Link("no district", $"{{{from},{to},\"decision\":\"break\"}}");
        yield return Link("seq as a string", $"{{\"district\":\"卫东区\",\"from\":{{\"planYear\":2021,\"seq\":\"22\"}},{to},\"decision\":\"break\"}}");
        yield return Link("seq 2^31", $"{{\"district\":\"卫东区\",\"from\":{{\"planYear\":2021,\"seq\":2147483648}},{to},\"decision\":\"break\"}}");
        yield return Link("seq 1e999", $"{{\"district\":\"卫东区\",\"from\":{{\"planYear\":2021,\"seq\":1e999}},{to},\"decision\":\"break\"}}");
        yield return Link("years reversed", "{\"district\":\"卫东区\",\"from\":{\"planYear\":2023,\"seq\":17},\"to\":{\"planYear\":2021,\"seq\":22},\"decision\":\"break\"}");
        yield return Link("entry that does not exist", $"{{\"district\":\"卫东区\",\"from\":{{\"planYear\":2021,\"seq\":999}},{to},\"decision\":\"confirm\"}}");
        yield return Link("district that does not exist", $"{{\"district\":\"不存在区\",{from},{to},\"decision\":\"confirm\"}}");
        yield return Link("from as an array", $"{{\"district\":\"卫东区\",\"from\":[2021,22],{to},\"decision\":\"break\"}}");
        yield return Link("comment over 2000 characters", $"{{\"district\":\"卫东区\",{from},{to},\"decision\":\"break\",\"comment\":\"" + new string('长', 2001) + "\"}");
        yield return Link("JSON nested 10^5 deep", "{\"from\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        yield return Link("oversized body (2 MiB)", "{\"comment\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
        yield return Link("truncated JSON", "{\"district\":\"卫东");
        yield return Link("lone surrogate in district", $"{{\"district\":\"卫东区\\ud800\",{from},{to},\"decision\":\"break\"}}");
        yield return Link("lone surrogate in decision", $"{{\"district\":\"卫东区\",{from},{to},\"decision\":\"\\udc00\"}}");
        yield return Link("lone surrogate in comment", $"{{\"district\":\"卫东区\",{from},{to},\"decision\":\"break\",\"comment\":\"\\ud800\"}}");

        yield return Get(Queue, "status with SQL", $"/api/review/queue?status={Uri.EscapeDataString(Sql)}");
        yield return Get(Queue, "limit with SQL", $"/api/review/queue?limit={Uri.EscapeDataString("1;" + Sql)}");
        yield return Get(Queue, "limit 10^9", "/api/review/queue?limit=1000000000");
        HostileInput Filter(string name, string query) => Get(OgcItems, name, "/ogc/collections/parcels/items?" + query);
        yield return Filter("CQL2 with SQL", "filter=" + Uri.EscapeDataString($"name = '{Sql}"));
        yield return Filter("malformed CQL2", "filter=" + Uri.EscapeDataString("planYear = = 2023"));
        yield return Filter("1 MiB filter", "filter=" + Uri.EscapeDataString("name = '" + new string('x', 1 << 20) + "'"));
        yield return Filter("filter nested 10^4 deep", "filter=" + Uri.EscapeDataString(new string('(', 10_000) + "planYear = 1" + new string(')', 10_000)));
        yield return Filter("WKT collections nested 10^3 deep", "filter=" + Uri.EscapeDataString("S_INTERSECTS(geometry, " + string.Concat(Enumerable.Repeat("GEOMETRYCOLLECTION(", 1000)) + ")"));
        yield return Filter("filter-crs not a CRS", "filter=planYear%3D2023&filter-crs=" + Uri.EscapeDataString("http://evil.example/crs"));
        yield return Filter("property name with SQL", "filter=" + Uri.EscapeDataString("\"name\" = 'a' OR \"1=1; --\" = 'b'"));
        HostileInput Tile(string name, string path) => Get(OgcTiles, name, "/ogc/collections/parcels/tiles/WebMercatorQuad/" + path);
        yield return Tile("tileMatrix 99", "99/0/0");
        yield return Tile("negative tileRow", "14/-1/13351");
        yield return Tile("tileCol past the limits", "14/6557/99999");
        yield return Tile("non-numeric tileMatrix", "z/6557/13351");
        yield return Tile("tileRow 2^40", "14/1099511627776/13351");
        yield return Tile("tileCol with SQL", $"14/6557/{Uri.EscapeDataString("1 OR 1=1")}");
        yield return Tile("f=xml on a tile", "14/6557/13351?f=xml");
        yield return Get(OgcTiles, "unknown tile matrix set", "/ogc/collections/parcels/tiles/..%2f..%2fetc/14/0/0");
        yield return Get(OgcTiles, "tiles of a collection without tiles", "/ogc/collections/projects/tiles/WebMercatorQuad/0/0/0");
        yield return Get(OgcTiles, "f=xml on the landing page", "/ogc?f=xml");
        yield return Get(OgcTiles, "f twice on an item", "/ogc/collections/parcels/items/410403202300001?f=html&f=json");
        yield return Get(Reads, "tile ../ path", "/tiles/parcels/../../../etc/passwd");
        yield return Get(Reads, "tile %2e%2e path", "/tiles/basemap/%2e%2e/%2e%2e/1.pbf");
        yield return Get(Reads, "tile ..%2f in y", "/tiles/basemap/14/1/..%2f..%2flandmap.db.pbf");
        yield return Get(Reads, "history id with SQL", $"/api/parcels/{Uri.EscapeDataString("1 OR 1=1")}/history");
    }

    private static ByteArrayContent Bytes(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }

    private static string Jagged(int vertices, bool compact)
    {
        var text = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (var i = 0; i < vertices - 1; i++) text.Append(compact ? $"[{113 + i % 2},33]," : $"[{113.35 + i * 1e-9:0.#########},{33.77 + (i % 2) * 1e-4:0.####}],");
        return text.Append(compact ? "[113,33]]]}" : "[113.35,33.77]]]}").ToString();
    }

    private static byte[] SurveyTxt(bool swap = false, bool close = true)
    {
        (double X, double Y)[] corners = [(3_733_933.115, 38_435_126.139), (3_734_033.115, 38_435_126.139), (3_734_033.115, 38_435_226.139), (3_733_933.115, 38_435_226.139)];
        var points = corners.Concat(close ? [corners[0]] : []).Select((c, i) => swap ? $"J{i + 1},1,{c.Y:0.000},{c.X:0.000}" : $"J{i + 1},1,{c.X:0.000},{c.Y:0.000}");
        return Encoding.UTF8.GetBytes("[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n带号=38\n[地块坐标]\n5,1,1,区块一,面,,工业用地,,@\n" + string.Join("\n", points) + "\n");
    }

    public static byte[] FeatureCollection(string geometry) =>
        Encoding.UTF8.GetBytes("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + geometry + "}]}");

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
