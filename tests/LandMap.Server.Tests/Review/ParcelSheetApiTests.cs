using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using LandMap.Server.Tests.Api;
using LandMap.Tests.Shared;
using static LandMap.Server.Tests.Review.ReviewRequests;

namespace LandMap.Server.Tests.Review;

/// <summary>
/// <c>GET /api/parcels/{id}/sheet.pdf|.png</c>: drawn from what the store holds at the request, so a reviewer's save is on the
/// next sheet; rejected parcels only for reviewers; bad parameters are problems naming them.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class ParcelSheetApiTests(ReviewApplication app)
{
    // Parcels no other review suite touches (they edit, survey, reject and restore 005–017).
    private const long Edited = 410403202300019;
    private const long Rejected = 410403202300020;

    [Fact]
    public async Task AfterAReviewersEditTheSheetShowsTheEditAndWhoMadeIt()
    {
        var anonymous = await app.ClientAsync();
        var before = await PdfTextAsync(anonymous, Edited);
        Assert.Contains("由规划报告文字推算，非测绘成果", before);
        Assert.Contains("候选（未审核）", before);

        var reviewer = await app.ClientAsync("reviewer");
        var saved = await PutGeometryAsync(reviewer, new { geometry = Square(113.36, 33.76, 0.003), comment = "按红线图修正" }, await ETagAsync(reviewer, Edited), Edited);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var computed = (await JsonAsync(await anonymous.GetAsync($"/api/parcels/{Edited}"))).GetProperty("properties").GetProperty("areaMuComputed").GetDouble();

        var after = await PdfTextAsync(anonymous, Edited);
        Assert.Contains("审核员修改", after);
        Assert.Contains("已审核（reviewer，", after);
        Assert.Contains($"（{computed.ToString("0.00", CultureInfo.InvariantCulture)} 亩）", after);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(after, @"\bJ\d+\s+\d{7}\.\d{3}\s+\d{6}\.\d{3}").Count);
    }

    [Fact]
    public async Task PngIsAnA4PageAt150Dpi()
    {
        var response = await (await app.ClientAsync()).GetAsync($"/api/parcels/{ParcelId}/sheet.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var image = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((1241, 1754), (image.Width, image.Height));
    }

    [Fact]
    public async Task ARejectedParcelsSheetIsForReviewersOnly()
    {
        var reviewer = await app.ClientAsync("reviewer");
        var rejected = await SendAsync(reviewer, HttpMethod.Post, $"/api/parcels/{Rejected}/status",
            JsonContent.Create(new { status = "rejected", reason = "与第 21 项重复" }));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        var anonymous = await (await app.ClientAsync()).GetAsync($"/api/parcels/{Rejected}/sheet.pdf");
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var text = await PdfTextAsync(reviewer, Rejected);
        Assert.Contains("已驳回（reviewer，", text);
        Assert.Contains("与第 21 项重复", text);
    }

    [Theory]
    [InlineData("sheet.pdf?paper=B5", "paper")]
    [InlineData("sheet.pdf?scale=1:10", "scale")]
    [InlineData("sheet.png?scale=abc", "scale")]
    public async Task BadParameterIsAProblemNamingIt(string path, string parameter) =>
        await ProblemAssert.NamesParameter(await (await app.ClientAsync()).GetAsync($"/api/parcels/{ParcelId}/{path}"), parameter);

    [Fact]
    public async Task UnknownParcelIsA404Problem()
    {
        var response = await (await app.ClientAsync()).GetAsync("/api/parcels/410403209900001/sheet.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("410403209900001", await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> PdfTextAsync(HttpClient client, long id)
    {
        var response = await client.GetAsync($"/api/parcels/{id}/sheet.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(Path.GetTempPath(), $"landmap-sheet-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        try
        {
            return ExternalTools.Run("pdftotext", ["-layout", file, "-"]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
