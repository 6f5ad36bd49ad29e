using System.Net;
using Xunit.Abstractions;
using static LandMap.Server.Tests.Review.ReviewRequests;

namespace LandMap.Server.Tests.Review;

[Collection(ReviewCollection.Name)]
public sealed class ConcurrencyTests(ReviewApplication app, ITestOutputHelper output)
{
    [Fact]
    public async Task TwoReviewersWithOneETagExactlyOneWinsAndBothAreAudited()
    {
        const long id = 410403202300006;
        var a = await app.ClientAsync("reviewer");
        var b = await app.ClientAsync("reviewer2");
        var etag = await ETagAsync(a, id);
        Assert.Equal(etag, await ETagAsync(b, id));

        var responses = await Task.WhenAll(
            PutGeometryAsync(a, new { geometry = Square(113.35, 33.77), comment = "a's fix" }, etag, id),
            PutGeometryAsync(b, new { geometry = Square(113.36, 33.78), comment = "b's fix" }, etag, id));
        var codes = responses.Select(r => r.StatusCode).Order().ToList();
        output.WriteLine($"statuses: {string.Join(", ", codes)}");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], codes);

        var loser = await JsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var current = loser.GetProperty("current");
        Assert.Equal(winner.Headers.ETag!.Tag, current.GetProperty("etag").GetString());
        Assert.Contains(current.GetProperty("madeBy").GetString(), new[] { "reviewer", "reviewer2" });

        var audit = await app.WithStoreAsync(store => store.ListAuditAsync(1000));
        var storeId = (await app.WithStoreAsync(s => Data.Review.IReviewStore.Of(s).ListReviewStatesAsync()))
            .Single(s => s.PlanYear == 2023 && s.District == "卫东区" && s.Seq == 6).ParcelId;
        Assert.Single(audit, e => e.EntityId == storeId && e.Action == "edit-geometry");
        Assert.Single(audit, e => e.EntityId == storeId && e.Action == "edit-conflict");
    }
}
