using LandMap.Core.Linking;
using LandMap.Data.Review;

namespace LandMap.Data.Tests;

/// <summary>Reviewers' link decisions (schema version 3), on SQLite and PostGIS like the rest of the contract.</summary>
public abstract partial class StoreContractTests
{
    protected async Task CheckReportTextIsKept()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store, TestEnvironment.SeedReports[0]);

        var report = Assert.Single(await store.ListReportsAsync());
        var text = await store.GetReportTextAsync(report.Id);

        Assert.NotNull(text);
        Assert.Contains("河南（平顶山）电子半导体产业园", text);
        Assert.Equal(File.ReadAllLines(TestEnvironment.SeedReports[0]).Length, text.Split('\n').Length);
        Assert.Null(await store.GetReportTextAsync(-1));
    }

    private static LinkDecisionChange Link(int fromSeq, int toSeq, string? verdict, string actor = "reviewer-a", string? comment = null) =>
        new("卫东区", 2021, fromSeq, 2023, toSeq, verdict, actor, comment);

    protected async Task CheckLinkDecisionsAreKeptOnePartnerEachAndAudited()
    {
        var store = await OpenAsync();
        var review = IReviewStore.Of(store);
        await ImportSeedsAsync(store);

        var confirmed = await review.DecideLinkAsync(Link(22, 17, LinkVerdict.Confirmed, comment: "同一所学校"));
        Assert.Equal(LinkDecisionOutcome.Saved, confirmed.Outcome);
        // The names come from the stored reports, not from the caller.
        Assert.Contains("医药卫生学校", confirmed.Decision!.From.Name);
        Assert.Contains("医药卫生学校", confirmed.Decision.To.Name);

        // A second partner for either side is refused, naming the confirmed one; nothing is written.
        var second = await review.DecideLinkAsync(Link(22, 18, LinkVerdict.Confirmed, "reviewer-b"));
        Assert.Equal(LinkDecisionOutcome.Contradicts, second.Outcome);
        Assert.Equal((22, 17, "reviewer-a"), (second.Decision!.From.Seq, second.Decision.To.Seq, second.Decision.DecidedBy));
        Assert.Equal(LinkDecisionOutcome.Contradicts, (await review.DecideLinkAsync(Link(5, 17, LinkVerdict.Confirmed))).Outcome);
        var unknown = await review.DecideLinkAsync(Link(99, 1, LinkVerdict.Broken));
        Assert.Equal(LinkDecisionOutcome.UnknownEntry, unknown.Outcome);
        Assert.Contains("2021 年计划中没有第 99 项", unknown.Message);
        Assert.Single(await review.ListLinkDecisionsAsync());

        // Breaking a confirmed pair replaces its decision, which frees both entries for another confirmation.
        Assert.Equal(LinkDecisionOutcome.Saved, (await review.DecideLinkAsync(Link(9, 22, LinkVerdict.Broken))).Outcome);
        Assert.Equal(LinkDecisionOutcome.Saved, (await review.DecideLinkAsync(Link(22, 17, LinkVerdict.Broken, "reviewer-b"))).Outcome);
        Assert.Equal(LinkDecisionOutcome.Saved, (await review.DecideLinkAsync(Link(22, 18, LinkVerdict.Confirmed, "reviewer-b"))).Outcome);
        Assert.Equal(LinkDecisionOutcome.Withdrawn, (await review.DecideLinkAsync(Link(22, 18, null))).Outcome);
        Assert.Equal(LinkDecisionOutcome.NoDecision, (await review.DecideLinkAsync(Link(22, 18, null))).Outcome);

        var decisions = await review.ListLinkDecisionsAsync();
        Assert.Equal([(9, 22, LinkVerdict.Broken, "reviewer-a"), (22, 17, LinkVerdict.Broken, "reviewer-b")],
            decisions.Select(d => (d.From.Seq, d.To.Seq, d.Verdict, d.DecidedBy)).Order());
        Assert.All(decisions, d => Assert.Equal(("卫东区", 2021, 2023), (d.District, d.From.PlanYear, d.To.PlanYear)));

        var audit = (await store.ListAuditAsync()).Where(a => a.Entity == "link").Select(a => a.Action).Reverse().ToList();
        Assert.Equal(["link-confirm", "link-break", "link-break", "link-confirm", "link-reset"], audit);

        // The database itself keeps one confirmed partner per entry, known verdicts and earlier → later years.
        await ExecuteRawAsync(Db, "INSERT INTO link_decisions (district, from_year, from_seq, from_name, to_year, to_seq, to_name, verdict, decided_by, decided_at) " +
            "VALUES ('卫东区', 2021, 1, 'a', 2023, 1, 'b', 'confirmed', 'x', '2024-01-01')");
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync(Db, "INSERT INTO link_decisions (district, from_year, from_seq, from_name, to_year, to_seq, " +
            "to_name, verdict, decided_by, decided_at) VALUES ('卫东区', 2021, 1, 'a', 2023, 2, 'c', 'confirmed', 'x', '2024-01-01')"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync(Db, "INSERT INTO link_decisions (district, from_year, from_seq, from_name, to_year, to_seq, " +
            "to_name, verdict, decided_by, decided_at) VALUES ('卫东区', 2021, 3, 'a', 2023, 3, 'c', 'maybe', 'x', '2024-01-01')"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync(Db, "INSERT INTO link_decisions (district, from_year, from_seq, from_name, to_year, to_seq, " +
            "to_name, verdict, decided_by, decided_at) VALUES ('卫东区', 2023, 3, 'a', 2021, 3, 'c', 'broken', 'x', '2024-01-01')"));
        Assert.Equal(3, (await review.ListLinkDecisionsAsync()).Count);
    }

    protected async Task CheckSchema2StoreUpgradesKeepingItsRows()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store);
        Assert.True(await IReviewStore.Of(store).AddUserAsync("li.wei", UserRole.Reviewer, "hash", "cli"));
        var before = await store.CountRowsAsync();
        await store.DisposeAsync();
        // Take the store back to schema 2, as the LandMap before link decisions and report texts left it.
        await ExecuteRawAsync(Db, Schema5Rollback);
        await ExecuteRawAsync(Db, "DROP TABLE link_decisions; ALTER TABLE reports DROP COLUMN source_text; DELETE FROM schema_version WHERE version >= 3");

        var upgraded = await OpenAsync();

        Assert.Equal(11, upgraded.SchemaVersion);
        Assert.Equal(before, await upgraded.CountRowsAsync());
        // Reports stored before schema 4 have no text: the server falls back to the unchanged file.
        Assert.Null(await upgraded.GetReportTextAsync((await upgraded.ListReportsAsync())[0].Id));
        Assert.Equal(LinkDecisionOutcome.Saved, (await IReviewStore.Of(upgraded).DecideLinkAsync(Link(22, 17, LinkVerdict.Broken, "li.wei"))).Outcome);
    }
}
