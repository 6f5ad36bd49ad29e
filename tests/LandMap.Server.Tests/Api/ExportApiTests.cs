using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// <c>GET /api/parcels/export.xlsx|.csv</c> and <c>/api/plans/diff.xlsx|.csv</c> over the shipped reports: every match of
/// the list's query, with the list's values, read back by the Open XML SDK, by the sheet's own XML and by a CSV parser.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExportApiTests(LandMapApplication app)
{
    private const string Industrial2023 = "planYear=2023&district=%E5%8D%AB%E4%B8%9C%E5%8C%BA&use=industrial-land";
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string> Queries => new() { "", Industrial2023, "use=industrial-land&available=true&sortby=-areaMu", "q=%E7%89%A9%E6%B5%81" };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task XlsxHoldsEveryMatchOfTheListWithItsValues(string query)
    {
        var (matched, features) = await ListAsync(query);
        var response = await _client.GetAsync($"/api/parcels/export.xlsx?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var rows = SheetReader.OpenXmlRows(bytes);
        var (xmlRows, sheetNames, sheet) = SheetReader.XmlRows(bytes);
        Assert.Equal(["地块", "说明"], sheetNames);
        Assert.Equal(rows.Select(r => string.Join('|', r)), xmlRows.Select(r => string.Join('|', r)));
        Assert.Equal(["编号", "名称", "计划年度", "区县", "序号", "位置", "申报面积（亩）", "计算面积（亩）", "用地类型", "项目阶段", "可供用地", "审核状态", "定位状态", "可信度"],
            rows[0].Take(14));
        Assert.Equal(matched, rows.Count - 1);
        AssertRowsAreTheFeatures(features, rows.Skip(1).ToList());

        // Numbers are number cells, the header row is frozen, columns have widths.
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var firstData = sheet.Descendants(main + "row").Skip(1).FirstOrDefault();
        if (firstData is not null)
        {
            Assert.Equal("n", (string?)firstData.Elements(main + "c").First(c => ((string)c.Attribute("r")!).StartsWith('A')).Attribute("t"));
        }
        var pane = Assert.Single(sheet.Descendants(main + "pane"));
        Assert.Equal(("1", "frozen"), ((string?)pane.Attribute("ySplit"), (string?)pane.Attribute("state")));
        Assert.True(sheet.Descendants(main + "col").Count() >= 14);
        var notes = SheetReader.OpenXmlRows(bytes, "说明").Select(r => r[0]).ToList();
        Assert.Contains(notes, n => n!.Contains($"匹配 {matched} 块，导出 {matched} 块"));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task CsvHoldsEveryMatchOfTheListWithItsValues(string query)
    {
        var (matched, features) = await ListAsync(query);
        var response = await _client.GetAsync($"/api/parcels/export.csv?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/csv", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        var records = SheetReader.CsvRecords(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("编号", records[0][0]);
        Assert.All(records, r => Assert.Equal(records[0].Length, r.Length));
        Assert.Equal(matched, records.Count - 1);
        AssertRowsAreTheFeatures(features, records.Skip(1).Select(r => r.Select(c => c.Length == 0 ? null : c).ToArray()).ToList());
    }

    [Fact]
    public async Task DownloadIsNamedInChineseByRfc5987()
    {
        var response = await _client.GetAsync($"/api/parcels/export.xlsx?{Industrial2023}");
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.StartsWith("LandMap地块-卫东区-2023年-", disposition.FileNameStar);
        Assert.EndsWith(".xlsx", disposition.FileNameStar);
        Assert.Matches("^\"?LandMap-parcels-2023-[0-9]{8}\\.xlsx\"?$", disposition.FileName);
        Assert.Contains("filename*=UTF-8''LandMap%E5%9C%B0%E5%9D%97", response.Content.Headers.GetValues("Content-Disposition").Single());
    }

    [Theory]
    [InlineData("/api/parcels/export.xlsx?available=maybe", "available")]
    [InlineData("/api/parcels/export.csv?minAreaMu=-1", "minAreaMu")]
    [InlineData("/api/parcels/export.csv?minAreaMu=50&maxAreaMu=20", "minAreaMu")]
    [InlineData("/api/parcels/export.xlsx?sortby=price", "sortby")]
    [InlineData("/api/parcels/export.csv?crs=WGS72", "crs")]
    [InlineData("/api/plans/diff.xlsx?from=2021", "to")]
    [InlineData("/api/plans/diff.csv?from=2021&to=2023&district=%E6%B9%9B%E6%B2%B3%E5%8C%BA", "from")]
    public async Task BadParameterIsAProblemNamingIt(string url, string parameter) =>
        await ProblemAssert.NamesParameter(await _client.GetAsync(url), parameter);

    [Fact]
    public async Task ExportOverTheCapSaysSoInTheFile()
    {
        using var capped = app.WithWebHostBuilder(b => b.UseSetting("LandMap:Export:MaxRows", "5"));
        var client = capped.CreateClient();
        var (matched, features) = await ListAsync("");
        Assert.True(matched > 5);

        var xlsx = await client.GetAsync("/api/parcels/export.xlsx");
        Assert.Equal((matched.ToString(CultureInfo.InvariantCulture), "5"),
            (xlsx.Headers.GetValues("LandMap-Number-Matched").Single(), xlsx.Headers.GetValues("LandMap-Number-Exported").Single()));
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        var rows = SheetReader.OpenXmlRows(bytes);
        Assert.Equal(5, rows.Count - 1);
        AssertRowsAreTheFeatures(features.Take(5).ToList(), rows.Skip(1).ToList());
        Assert.Contains($"超过导出上限 5 块，只导出了前 5 块", SheetReader.OpenXmlRows(bytes, "说明")[0][0]);

        var csv = SheetReader.CsvRecords(await (await client.GetAsync("/api/parcels/export.csv")).Content.ReadAsByteArrayAsync());
        var data = csv.Skip(1).TakeWhile(r => !r[0].StartsWith('#')).ToList();
        Assert.Equal(5, data.Count);
        Assert.Contains(csv.Skip(1 + data.Count), r => r[0].StartsWith("# 注意：匹配", StringComparison.Ordinal) && r[0].Contains("上限 5 块"));
        // An uncapped CSV has no such lines: other tools read it as a plain table.
        var full = SheetReader.CsvRecords(await (await _client.GetAsync("/api/parcels/export.csv")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(full, r => r[0].StartsWith('#'));
    }

    [Fact]
    public async Task PlanDiffExportsHoldTheComparisonLines()
    {
        using var diff = JsonDocument.Parse(await _client.GetStringAsync("/api/plans/diff?from=2021&to=2023&district=%E5%8D%AB%E4%B8%9C%E5%8C%BA"));
        var entries = diff.RootElement.GetProperty("entries").EnumerateArray().ToList();
        var classes = new Dictionary<string, string> { ["carried"] = "延续", ["new"] = "新增", ["dropped"] = "取消" };
        string? Seq(JsonElement e, string side) => e.GetProperty(side).ValueKind == JsonValueKind.Null ? null : e.GetProperty(side).GetProperty("seq").GetInt32().ToString(CultureInfo.InvariantCulture);
        var expected = entries.Select(e => (classes[e.GetProperty("class").GetString()!], Seq(e, "from"), Seq(e, "to"))).ToList();

        var xlsx = await _client.GetAsync("/api/plans/diff.xlsx?from=2021&to=2023&district=%E5%8D%AB%E4%B8%9C%E5%8C%BA");
        Assert.StartsWith("LandMap两年对比-卫东区-2021-2023年-", xlsx.Content.Headers.ContentDisposition!.FileNameStar);
        var rows = SheetReader.OpenXmlRows(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["类别", "2021 年序号", "2021 年名称", "2021 年申报面积（亩）", "2023 年序号", "2023 年名称"], rows[0].Take(6));
        Assert.Equal(expected, rows.Skip(1).Select(r => (r[0]!, r[1], r[4])));

        var csv = SheetReader.CsvRecords(await (await _client.GetAsync("/api/plans/diff.csv?from=2021&to=2023")).Content.ReadAsByteArrayAsync());
        Assert.Equal(expected, csv.Skip(1).Select(r => (r[0], r[1].Length == 0 ? null : r[1], r[4].Length == 0 ? null : r[4])));
        // The later year's stated area is the parcel's (the 2021 column states none, so no change is computed there).
        var carried = csv.Skip(1).First(r => r[0] == "延续" && r[12].Length > 0);
        using var parcel = JsonDocument.Parse(await _client.GetStringAsync($"/api/parcels/{carried[12]}"));
        Assert.Equal(parcel.RootElement.GetProperty("properties").GetProperty("areaMu").GetDouble(), double.Parse(carried[6], CultureInfo.InvariantCulture));
        Assert.Equal("", carried[7]);
    }

    /// <summary>Each row holds its feature's id, name, plan year, district, seq, location and areas, in the list's order.</summary>
    internal static void AssertRowsAreTheFeatures(IReadOnlyList<JsonElement> features, IReadOnlyList<string?[]> rows)
    {
        Assert.Equal(features.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var p = features[i].GetProperty("properties");
            string? Text(string name) => p.GetProperty(name).ValueKind == JsonValueKind.Null ? null : p.GetProperty(name).ToString();
            double? Number(string? cell) => cell is null ? null : double.Parse(cell, CultureInfo.InvariantCulture);
            double? Property(string name) => p.GetProperty(name).ValueKind == JsonValueKind.Null ? null : p.GetProperty(name).GetDouble();
            var row = rows[i].Concat(Enumerable.Repeat<string?>(null, 16)).ToArray();
            Assert.Equal(features[i].GetProperty("id").GetInt64(), long.Parse(row[0]!, CultureInfo.InvariantCulture));
            Assert.Equal(Neutralised(Text("name")), row[1]);
            Assert.Equal(Text("planYear"), row[2]);
            Assert.Equal(Text("district"), row[3]);
            Assert.Equal(Text("seq"), row[4]);
            Assert.Equal(Neutralised(Text("location")), row[5]);
            Assert.Equal(Property("areaMu"), Number(row[6]));
            Assert.Equal(Property("areaMuComputed"), Number(row[7]));
            Assert.Equal(Text("landUseName"), row[8]);
            Assert.Equal(Text("projectStageText"), row[9]);
            Assert.Equal(Property("confidence"), Number(row[13]));
        }
    }

    /// <summary>What a text cell holds for a value: a leading apostrophe before = + - @.</summary>
    internal static string? Neutralised(string? text) => text is { Length: > 0 } && "=+-@".Contains(text[0]) ? "'" + text : text;

    // Each parcel's centre: inside its outline (WGS 84, as /api/parcels serves it), and with crs=GCJ02 / BD09 the same
    // point by the published forward formulas, the header naming the datum.
    [Theory]
    [InlineData("GCJ02", "GCJ-02")]
    [InlineData("bd-09", "BD-09")]
    public async Task CentreColumnsAreInTheAskedDatum(string crs, string name)
    {
        var (_, features) = await ListAsync(Industrial2023);
        var wgs84 = SheetReader.CsvRecords(await _client.GetByteArrayAsync($"/api/parcels/export.csv?{Industrial2023}"));
        var web = SheetReader.CsvRecords(await _client.GetByteArrayAsync($"/api/parcels/export.csv?{Industrial2023}&crs={crs}"));

        Assert.Equal(["中心经度（WGS 84）", "中心纬度（WGS 84）"], wgs84[0][^2..]);
        Assert.Equal([$"中心经度（{name}）", $"中心纬度（{name}）"], web[0][^2..]);
        Assert.True(wgs84.Count > 1);
        var geoJson = new JsonSerializerOptions { Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() } };
        for (var i = 1; i < wgs84.Count; i++)
        {
            var (lon, lat) = (D(wgs84[i][^2]), D(wgs84[i][^1]));
            var outline = JsonSerializer.Deserialize<NetTopologySuite.Geometries.Geometry>(
                features.Single(f => f.GetProperty("id").ToString() == wgs84[i][0]).GetProperty("geometry").GetRawText(), geoJson)!;
            Assert.True(outline.Buffer(1e-6).Contains(new NetTopologySuite.Geometries.Point(lon, lat)), $"{wgs84[i][0]}: ({lon}, {lat}) outside");
            var expected = crs == "GCJ02" ? LandMap.Core.Crs.ChinaWebDatums.Wgs84ToGcj02(lon, lat) : LandMap.Core.Crs.ChinaWebDatums.Wgs84ToBd09(lon, lat);
            Assert.Equal(wgs84[i][0], web[i][0]);
            Assert.InRange(Math.Abs(D(web[i][^2]) - expected.Lon), 0, 2e-6);
            Assert.InRange(Math.Abs(D(web[i][^1]) - expected.Lat), 0, 2e-6);
        }

        static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);
    }

    private async Task<(long Matched, List<JsonElement> Features)> ListAsync(string query)
    {
        var body = await _client.GetStringAsync($"/api/parcels?limit=10000&{query}");
        var root = JsonDocument.Parse(body).RootElement;
        return (root.GetProperty("numberMatched").GetInt64(), root.GetProperty("features").EnumerateArray().ToList());
    }
}
