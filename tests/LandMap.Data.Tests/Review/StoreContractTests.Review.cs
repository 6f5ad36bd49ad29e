using LandMap.Data.Review;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

/// <summary>The review part of the store contract (schema version 2), run on SQLite and PostGIS like the rest.</summary>
public abstract partial class StoreContractTests
{
    private static Polygon ReviewSquare(double lon, double lat) =>
        new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon([new(lon, lat), new(lon + 0.002, lat), new(lon + 0.002, lat + 0.002), new(lon, lat + 0.002), new(lon, lat)]);

    protected async Task CheckReviewStatusesCommentsAndQueue()
    {
        var store = await OpenAsync();
        var review = IReviewStore.Of(store);
        await ImportSeedsAsync(store, TestEnvironment.SeedReports[0]);
        var states = await review.ListReviewStatesAsync();
        Assert.Equal(25, states.Count);
        Assert.All(states, s => Assert.Equal(ReviewStatus.Candidate, s.Status));

        var queue = await review.ListCandidatesAsync(100);
        Assert.Equal(25, queue.Count);
        Assert.Equal(queue.Select(p => p.Confidence).Order(), queue.Select(p => p.Confidence));

        var first = queue[0].Id;
        Assert.True(await review.SetReviewStatusAsync(new StatusChange(first, ReviewStatus.Rejected, "reviewer-a", "no such plot", "duplicate of entry 3")));
        Assert.False(await review.SetReviewStatusAsync(new StatusChange(-5, ReviewStatus.Reviewed, "reviewer-a", null, null)));
        var rejected = (await review.ListReviewStatesAsync()).Single(s => s.ParcelId == first);
        Assert.Equal((ReviewStatus.Rejected, "duplicate of entry 3"), (rejected.Status, rejected.Reason));
        Assert.Equal(24, (await review.ListCandidatesAsync(100)).Count);
        var comment = Assert.Single(await review.ListCommentsAsync(first));
        Assert.Equal(("reviewer-a", "status:rejected"), (comment.Author, comment.Kind));
        Assert.Contains(await store.ListAuditAsync(), a => a.Action == "set-status" && a.EntityId == first);

        // The database refuses a status outside the list and any change to comments.
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync(Db, "UPDATE parcels SET review_status = 'published'"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync(Db, "DELETE FROM review_comments"));
        Assert.Single(await review.ListCommentsAsync(first));
    }

    protected async Task CheckReviewedGeometryConflictIsAudited()
    {
        var store = await OpenAsync();
        var review = IReviewStore.Of(store);
        await ImportSeedsAsync(store, TestEnvironment.SeedReports[0]);
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023 }))[1];
        // Queries carry the current version's checks, so a map server need not read each parcel's history.
        var geocoded = (await store.GetParcelAsync(parcel.Id))!.History.Single(v => v.IsCurrent);
        Assert.Equal((geocoded.ConstraintsJson, geocoded.WarningsJson), (parcel.ConstraintsJson, parcel.WarningsJson));
        Assert.Contains("satisfied", parcel.ConstraintsJson);

        var saved = await review.SaveReviewedGeometryAsync(new ReviewedGeometry(parcel.Id, 1, ReviewSquare(113.35, 33.77), "reviewer-a", "moved east"));
        Assert.Equal(new SaveGeometryResult(SaveOutcome.Saved, 2), saved);
        var stale = await review.SaveReviewedGeometryAsync(new ReviewedGeometry(parcel.Id, 1, ReviewSquare(113.30, 33.70), "reviewer-b", "late"));
        Assert.Equal(new SaveGeometryResult(SaveOutcome.Conflict, 2), stale);
        var survey = await review.SaveReviewedGeometryAsync(new ReviewedGeometry(parcel.Id, 2, ReviewSquare(113.351, 33.771), "admin", "勘测定界", "survey",
            new { file = "a.txt" }));
        Assert.Equal(SaveOutcome.Saved, survey.Outcome);

        var detail = (await store.GetParcelAsync(parcel.Id))!;
        Assert.Equal(["geocoder", "reviewer-a", "admin"], detail.History.Select(v => v.MadeBy));
        Assert.Equal("[]", detail.Parcel.ConstraintsJson);
        Assert.Equal(["edit", "survey"], detail.History.Skip(1).Select(v => v.Method));
        Assert.Equal(ReviewStatus.Surveyed, (await review.ListReviewStatesAsync()).Single(s => s.ParcelId == parcel.Id).Status);
        var audit = await store.ListAuditAsync();
        Assert.Contains(audit, a => a.Action == "edit-geometry" && a.Actor == "reviewer-a");
        Assert.Contains(audit, a => a.Action == "edit-conflict" && a.Actor == "reviewer-b" && a.EntityId == parcel.Id);
        Assert.Contains(audit, a => a.Action == "survey" && a.Actor == "admin");
    }

    protected async Task CheckUsersAndSettings()
    {
        var store = await OpenAsync();
        var review = IReviewStore.Of(store);
        Assert.True(await review.AddUserAsync("li.wei", UserRole.Reviewer, "hash-1", "cli"));
        Assert.False(await review.AddUserAsync("li.wei", UserRole.Admin, "hash-2", "cli"));
        var user = (await review.FindUserAsync("li.wei"))!;
        Assert.Equal((UserRole.Reviewer, "hash-1"), (user.Role, user.PasswordHash));
        Assert.Null(await review.FindUserAsync("li.wei' OR '1'='1"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync(Db, "INSERT INTO users (name, role, password_hash, created_at) VALUES ('x', 'root', 'h', '2024-01-01')"));

        var key = await review.GetOrCreateSettingAsync("auth_key", () => "first");
        Assert.Equal("first", key);
        Assert.Equal("first", await review.GetOrCreateSettingAsync("auth_key", () => "second"));
        await review.AppendAuditAsync(new AuditEntry("mallory", "login-failed", "user", null, new { ip = "127.0.0.1" }));
        Assert.Contains(await store.ListAuditAsync(), a => a.Action == "login-failed" && a.Actor == "mallory");
        Assert.Contains(await store.ListAuditAsync(), a => a.Action == "add-user" && a.Actor == "cli");
    }

    protected async Task CheckSessionGenerationMovesOnLogoutPasswordAndRoleChange()
    {
        var review = IReviewStore.Of(await OpenAsync());
        Assert.True(await review.AddUserAsync("li.wei", UserRole.Reviewer, "hash-1", "cli"));
        var first = (await review.FindUserAsync("li.wei"))!.SessionGeneration;

        Assert.True(await review.EndSessionsAsync("li.wei", "li.wei"));
        var afterLogout = (await review.FindUserAsync("li.wei"))!;
        Assert.True(afterLogout.SessionGeneration > first);

        Assert.True(await review.SetPasswordAsync("li.wei", "hash-2", "admin"));
        var afterPassword = (await review.FindUserAsync("li.wei"))!;
        Assert.Equal("hash-2", afterPassword.PasswordHash);
        Assert.True(afterPassword.SessionGeneration > afterLogout.SessionGeneration);

        Assert.True(await review.SetRoleAsync("li.wei", UserRole.Admin, "admin"));
        var afterRole = (await review.FindUserAsync("li.wei"))!;
        Assert.Equal(UserRole.Admin, afterRole.Role);
        Assert.True(afterRole.SessionGeneration > afterPassword.SessionGeneration);

        Assert.False(await review.EndSessionsAsync("nobody", "nobody"));
        Assert.False(await review.SetPasswordAsync("nobody", "hash", "admin"));
        Assert.False(await review.SetRoleAsync("nobody", UserRole.Admin, "admin"));
        var audit = await (await OpenAsync()).ListAuditAsync();
        Assert.All(new[] { "logout", "set-password", "set-role" }, action => Assert.Contains(audit, a => a.Action == action && a.EntityId == afterRole.Id));
    }
}
