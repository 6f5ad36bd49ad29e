using System.Globalization;
using System.Runtime.CompilerServices;
using LandMap.Core.Crs;
using LandMap.Data.Export;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using LandMap.Server.Plans;
using LandMap.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Exports;

/// <summary>
/// Tables for spreadsheets and other tools: <c>GET /api/parcels/export.xlsx|.csv</c> (the parcels of the same filters as
/// <c>GET /api/parcels</c>, every match up to <see cref="ExportOptions.MaxRows"/>, never a page) and
/// <c>GET /api/plans/diff.xlsx|.csv</c> (the two-year comparison of <c>GET /api/plans/diff</c>). Like the list, they hold the
/// published parcels only (rejected ones are left out for everyone). Cells as <see cref="SheetTable"/> writes them.
/// </summary>
public static class ExportsApi
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string CsvType = "text/csv; charset=utf-8";

    public static IServiceCollection AddLandMapExports(this IServiceCollection services)
    {
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder routes)
    {
        var parcels = routes.MapGroup("/api/parcels").WithTags("Parcels");
        const string ParcelSummary = "The parcels GET /api/parcels lists for the same filters (planYear, district, bbox, q, ids, use, minAreaMu, maxAreaMu, " +
            "available, sortby; limit and offset are not used), every match up to LandMap:Export:MaxRows (50000), with each parcel's centre in crs " +
            "(WGS84 default, GCJ02 for 高德/腾讯, BD09 for 百度), as ";
        parcels.MapGet("/export.xlsx", ([AsParameters] ParcelFilter filter, StoreAccess access, IOptions<ExportOptions> options, HttpContext http, CancellationToken ct) =>
                ParcelsAsync(filter, Format.Xlsx, access, options.Value, http, ct))
            .WithName("ExportParcelsXlsx").WithSummary(ParcelSummary + "an XLSX sheet (Chinese header, notes on sheet 说明).");
        parcels.MapGet("/export.csv", ([AsParameters] ParcelFilter filter, StoreAccess access, IOptions<ExportOptions> options, HttpContext http, CancellationToken ct) =>
                ParcelsAsync(filter, Format.Csv, access, options.Value, http, ct))
            .WithName("ExportParcelsCsv").WithSummary(ParcelSummary + "UTF-8 CSV with a byte-order mark (a last line starting with # when capped).");

        var plans = routes.MapGroup("/api/plans").WithTags("Plans");
        plans.MapGet("/diff.xlsx", (string? from, string? to, string? district, PlanLinks links, StoreAccess access, HttpContext http, CancellationToken ct) =>
                DiffAsync(from, to, district, Format.Xlsx, links, access, http, ct))
            .WithName("ExportPlanDiffXlsx").WithSummary("The two-year comparison of GET /api/plans/diff (from, to, district) as an XLSX sheet.");
        plans.MapGet("/diff.csv", (string? from, string? to, string? district, PlanLinks links, StoreAccess access, HttpContext http, CancellationToken ct) =>
                DiffAsync(from, to, district, Format.Csv, links, access, http, ct))
            .WithName("ExportPlanDiffCsv").WithSummary("The two-year comparison of GET /api/plans/diff (from, to, district) as UTF-8 CSV with a byte-order mark.");
        return routes;
    }

    private enum Format { Xlsx, Csv }

    /// <summary>The filters of <c>GET /api/parcels</c>, as raw text so a bad value gets a 400 naming it.</summary>
    public sealed record ParcelFilter(string? PlanYear, string? District, string? Bbox, string? Q, string? Use, string? MinAreaMu, string? MaxAreaMu,
        string? Ids, string? Sortby, string? Available, string? Crs);

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> ParcelsAsync(ParcelFilter f, Format format, StoreAccess access,
        ExportOptions options, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var query = ParcelQuery.Parse(f.PlanYear, f.District, f.Bbox, f.Q, f.Use, f.MinAreaMu, f.MaxAreaMu, null, null, f.Ids, f.Sortby, errors)
            with { Available = ParcelQuery.ParseAvailable(f.Available, errors) };
        var asked = f.Crs is null ? OutputDatum.Wgs84 : OutputDatums.Parse(f.Crs);
        if (asked is null) errors.Add("crs", $"crs '{f.Crs}' is not one of {OutputDatums.Accepted}.");
        if (errors.Any || asked is not { } datum) return errors.ToProblem();

        var store = await access.GetAsync(cancellationToken);
        var storeQuery = query.ToStore();
        var matched = await store.CountParcelsAsync(storeQuery, cancellationToken);
        var exported = (int)Math.Min(matched, options.MaxRows);
        var notes = new List<string>
        {
            $"LandMap 地块导出，{DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}",
            $"查询：{Describe(http.Request)}",
            $"匹配 {matched} 块，导出 {exported} 块。只含公开的地块（已驳回的不含）。",
            "面积单位：亩（1 亩 = 666.67 平方米）；申报面积为报告所写，计算面积为地图上轮廓的面积（按地块所在的 CGCS2000 3° 高斯-克吕格带计算，平顶山为 EPSG:4547）。",
            $"坐标：中心经纬度为 {datum.Name()}" + (datum == OutputDatum.Wgs84 ? "（= CGCS2000，GIS 软件用）。" : $"（{(datum == OutputDatum.Gcj02 ? "高德、腾讯地图" : "百度地图")}用，不是 WGS 84）。"),
        };
        var capped = matched > options.MaxRows;
        if (capped) notes.Insert(0, $"注意：匹配 {matched} 块，超过导出上限 {options.MaxRows} 块，只导出了前 {options.MaxRows} 块。请缩小查询（区县、年度、用途、面积）后分批导出。");
        var table = new SheetTable("地块", ParcelExportTable.Columns(datum), Rows(store.StreamParcelsAsync(storeQuery, cancellationToken), options.MaxRows,
                r => ParcelExportTable.Row(r, datum)),
            format == Format.Xlsx || capped ? notes : []);
        http.Response.Headers["LandMap-Number-Matched"] = matched.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["LandMap-Number-Exported"] = exported.ToString(CultureInfo.InvariantCulture);
        return Write(table, format, FileName("LandMap地块", "LandMap-parcels", query.District, query.PlanYear is { } y ? $"{y}年" : null), http.Response);
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> DiffAsync(string? from, string? to, string? district, Format format,
        PlanLinks links, StoreAccess access, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var place = PlansApi.District(district);
        var years = await links.PlanYearsAsync(place, cancellationToken);
        var fromYear = PlansApi.Year("from", from, years, place, errors);
        var toYear = PlansApi.Year("to", to, years, place, errors);
        if (errors.Any) return errors.ToProblem();

        var diff = await links.DiffAsync(fromYear, toYear, place, cancellationToken);
        var lines = await links.LinesAsync(diff, cancellationToken);
        var store = await access.GetAsync(cancellationToken);
        var ids = lines.SelectMany(l => new[] { l.FromParcelId, l.ToParcelId }).OfType<long>().Distinct().ToList();
        var areas = new Dictionary<long, double?>();
        foreach (var chunk in ids.Chunk(LandMap.Data.ParcelQuery.MaxLimit))
            foreach (var record in await store.QueryParcelsAsync(new LandMap.Data.ParcelQuery { PublicIds = chunk, ExcludeRejected = true, MapFieldsOnly = true }, cancellationToken))
                areas[record.PublicId] = record.AreaMu;
        var notes = new List<string>
        {
            $"LandMap 两年对比：{place} {fromYear} 年 → {toYear} 年计划，导出于 {DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}",
            $"共 {lines.Count} 条：延续 {lines.Count(l => l.Class == "carried")}，新增 {lines.Count(l => l.Class == "new")}，取消 {lines.Count(l => l.Class == "dropped")}。",
            "得分为两年条目相互对应的把握（0–1）；审核确认为审核员确认过的关联。",
        };
        var table = new SheetTable("两年对比", DiffExportTable.Columns(fromYear, toYear), Rows(lines.ToAsyncEnumerable(), int.MaxValue, l => DiffExportTable.Row(l, areas)),
            format == Format.Xlsx ? notes : []);
        return Write(table, format, FileName("LandMap两年对比", "LandMap-plan-diff", place, $"{fromYear}-{toYear}年"), http.Response);
    }

    private static PushStreamHttpResult Write(SheetTable table, Format format, (string Chinese, string Ascii) name, HttpResponse response)
    {
        var extension = format == Format.Xlsx ? ".xlsx" : ".csv";
        // filename* (RFC 5987, UTF-8) is the Chinese name every current browser uses; filename an ASCII one for the rest.
        response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = name.Ascii + extension, FileNameStar = name.Chinese + extension,
        }.ToString();
        return format == Format.Xlsx
            ? TypedResults.Stream(stream => table.WriteXlsxAsync(stream), XlsxType)
            : TypedResults.Stream(stream => table.WriteCsvAsync(stream), CsvType);
    }

    private static async IAsyncEnumerable<object?[]> Rows<T>(IAsyncEnumerable<T> items, int max, Func<T, object?[]> row,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (count++ >= max) yield break;
            yield return row(item);
        }
    }

    /// <summary>The query as a person reads it (district=卫东区&amp;use=industrial-land), or 全部地块.</summary>
    private static string Describe(HttpRequest request)
    {
        var parts = request.Query.Where(p => p.Key is not ("limit" or "offset")).Select(p => $"{p.Key}={p.Value}").ToList();
        return parts.Count == 0 ? "全部地块" : string.Join("&", parts);
    }

    /// <summary>
    /// A download name from its parts and today's date (LandMap地块-卫东区-2023年-20250101), and an ASCII one of the stem,
    /// the ASCII parts and the date (LandMap-parcels-2023-20250101).
    /// </summary>
    private static (string Chinese, string Ascii) FileName(string stem, string asciiStem, params string?[] parts)
    {
        var date = DateTime.Now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var clean = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new string(p!.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c != '"').ToArray())).ToList();
        var ascii = clean.Select(p => new string(p.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray())).Where(p => p.Trim('-').Length > 0);
        return (string.Join('-', clean.Prepend(stem).Append(date)), string.Join('-', ascii.Prepend(asciiStem).Append(date)));
    }
}
