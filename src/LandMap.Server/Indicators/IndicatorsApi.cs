using LandMap.Core.Linking;
using LandMap.Server.Parcels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Indicators;

/// <summary>A district's indicators across its reports, each with plan, result and estimate per year.</summary>
public sealed record IndicatorsDto(string? District, IReadOnlyList<IndicatorSeries> Indicators);

/// <summary><c>/api/indicators</c>: the 附表 figures joined across reports, for charting plan against result.</summary>
public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicators(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/indicators").WithTags("Indicators")
            .MapGet("/", async Task<Ok<IndicatorsDto>> (string? district, IParcelSource source, CancellationToken cancellationToken) =>
            {
                var place = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
                var reports = await source.GetExtractedReportsAsync(cancellationToken);
                return TypedResults.Ok(new IndicatorsDto(place, IndicatorSeriesBuilder.Build(reports, place)));
            })
            .WithName("ListIndicators")
            .WithSummary("Indicators of a district (every district when none) with plan, actual and estimate values per year.");
        return routes;
    }
}
