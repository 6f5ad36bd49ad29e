using LandMap.Core.Reports;
using LandMap.Server.Hosting;
using LandMap.Server.Plans;
using LandMap.Server.Problems;
using LandMap.Server.Review;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Parcels;

/// <summary><c>/api/parcels</c>: land-guarantee parcels as GeoJSON, read from the store per request, one page at a time.</summary>
public static class ParcelsApi
{
    public static IEndpointRouteBuilder MapParcels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/parcels").WithTags("Parcels");
        group.MapGet("/", ListAsync)
            .WithName("ListParcels")
            .WithSummary("Published parcels as an RFC 7946 FeatureCollection, one page (limit ≤ 10000, default 1000; offset) with numberMatched, " +
                "numberReturned and a next link; filtered by plan year, district, bbox (WGS 84), text, ids, land use (use=industrial-land or codes) " +
                "and stated area (minAreaMu, maxAreaMu); available=true keeps land still to find (no key project operating on it), false only occupied land; " +
                "sortby=-areaMu|name|confidence.");
        group.MapGet("/{id:long}", GetAsync)
            .WithName("GetParcel")
            .WithSummary("One parcel as a Feature with its full record: areas, source sentence, constraints, projects, links across plan years, land facts, " +
                "investor facts (nearest road and railway in metres of the parcel's 3° Gauss-Krüger zone, park, availability, contact). " +
                "Ids of the first releases (202301017) answer 301 to the parcel's public id.");
        return routes;
    }

    private static async Task<Results<Ok<ParcelCollection>, ValidationProblem>> ListAsync(
        string? planYear, string? district, string? bbox, string? q, string? use, string? minAreaMu, string? maxAreaMu, string? limit, string? offset,
        string? ids, string? sortby, string? available, StoreAccess access, HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var query = ParcelQuery.Parse(planYear, district, bbox, q, use, minAreaMu, maxAreaMu, limit, offset, ids, sortby, errors)
            with { Available = ParcelQuery.ParseAvailable(available, errors) };
        if (errors.Any) return errors.ToProblem();

        var store = await access.GetAsync(cancellationToken);
        var storeQuery = query.ToStore();
        var matched = await store.CountParcelsAsync(storeQuery, cancellationToken);
        var features = (await store.QueryParcelsAsync(storeQuery, cancellationToken))
            .Select(r => ParcelMapping.ToFeature(ParcelView.From(r)))
            .ToList();
        var links = new List<PageLink> { new("self", PageUrl(request, query.Offset)) };
        if (query.Offset + features.Count < matched) links.Add(new PageLink("next", PageUrl(request, query.Offset + features.Count)));
        if (query.Offset > 0) links.Add(new PageLink("prev", PageUrl(request, Math.Max(0, query.Offset - query.Limit))));
        return TypedResults.Ok(new ParcelCollection(features, matched, features.Count, links));
    }

    private static async Task<Results<Ok<ParcelFeature<ParcelDetail>>, RedirectHttpResult, ProblemHttpResult>> GetAsync(
        long id, StoreAccess access, IParcelSource source, PlanLinks links, Investor.InvestorFacts investor, HttpContext http, CancellationToken cancellationToken)
    {
        var store = await access.GetAsync(cancellationToken);
        if (!ParcelIds.IsPublic(id) && ParcelIds.FromLegacy(id) is { } legacy)
        {
            // Saved links of the first releases keep working for one release: they name plan year, district and seq.
            var publicId = ParcelIds.Of(legacy.District, legacy.PlanYear, legacy.Seq);
            return TypedResults.Redirect($"/api/parcels/{publicId}{http.Request.QueryString}", permanent: true);
        }
        // Reviewers open rejected parcels too (from the review queue, to look before restoring one); everyone else sees published ones.
        var reviewer = Review.ReviewEndpoints.IsReviewer(http.User);
        var record = (await store.QueryParcelsAsync(new LandMap.Data.ParcelQuery { PublicIds = [id], ExcludeRejected = !reviewer, Limit = 1 }, cancellationToken))
            .SingleOrDefault();
        if (record is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "地块不存在",
                detail: $"No parcel has id {id}; GET /api/parcels lists them.");
        var parcel = ParcelView.From(record);
        var projects = (await source.GetProjectsAsync(cancellationToken)).Where(p => p.ParcelIds.Contains(id)).ToList();
        // The store's version of the parcel: send it back as If-Match to save an edit (PUT /api/parcels/{id}/geometry).
        http.Response.Headers.ETag = ReviewContext.ETag(record.Version);
        var detail = ParcelMapping.ToDetail(parcel, projects, await links.AppearancesAsync(parcel, cancellationToken), await links.FactsAsync(id, cancellationToken));
        return TypedResults.Ok(detail with { Properties = detail.Properties with { Investor = await investor.ForAsync(parcel, store, cancellationToken) } });
    }

    /// <summary>
    /// The same request with another offset (the OGC API – Features paging shape), from the path base on, or from
    /// scheme and host on when <paramref name="absolute"/> (OGC clients follow links as given).
    /// </summary>
    internal static string PageUrl(HttpRequest request, int offset, bool absolute = false)
    {
        var query = request.Query.Where(p => p.Key != "offset").SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"offset={offset}");
        var origin = absolute ? $"{request.Scheme}://{request.Host}" : "";
        return $"{origin}{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }
}
