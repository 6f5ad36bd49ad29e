using LandMap.Data.Review;
using LandMap.Server.Auth;
using LandMap.Server.Parcels;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Review;

/// <summary><c>POST /api/parcels/{id}/survey</c>: the surveyed boundary replaces the geometry; the parcel becomes surveyed.</summary>
internal static class SurveyApi
{
    private const double AreaTolerance = 0.05;

    public static async Task<Results<Ok<SavedGeometryResponse>, ProblemHttpResult>> UploadAsync(long id, HttpContext http, ReviewContext review,
        OutlineChecks checks, IOptions<AccessOptions> options, CancellationToken cancellationToken)
    {
        if (await review.FindRecordAsync(id, cancellationToken) is not { } parcel) return ReviewEndpoints.NotFound(id);
        if (ReviewEndpoints.IfMatch(http.Request, required: false, out var expected) is { } precondition) return precondition;
        if (!http.Request.HasFormContentType || http.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
            return RequestBody.Problem(StatusCodes.Status415UnsupportedMediaType, "需要上传文件", "Send the file as multipart/form-data in the field 'file'.");
        var (bytes, problem) = await RequestBody.ReadAsync(http.Request, options.Value.MaxUploadBytes, cancellationToken);
        if (problem is not null) return problem;

        IFormFile? file;
        string? comment;
        try
        {
            // The body is already bounded and in memory; the form reader parses it from there.
            http.Request.Body = new MemoryStream(bytes!);
            var form = await http.Request.ReadFormAsync(new FormOptions { ValueCountLimit = 16, MultipartBodyLengthLimit = options.Value.MaxUploadBytes }, cancellationToken);
            file = form.Files.GetFile("file");
            comment = form["comment"].ToString() is { Length: > 0 and <= 2000 } text ? text : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return ReviewEndpoints.Invalid("上传格式无效", [$"The multipart body cannot be read: {e.Message}"]);
        }
        if (file is null) return ReviewEndpoints.Invalid("缺少文件", ["Send the survey file in the multipart field 'file'."]);
        if (SurveyUpload.NameProblem(file.FileName) is { } nameProblem) return ReviewEndpoints.Invalid("文件名无效", [nameProblem]);

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        var read = SurveyUpload.Read(file.FileName, content.ToArray(), options.Value.MaxVertices, 4 * options.Value.MaxUploadBytes, checks.SurveyAreas);
        if (read.Geometry is null) return ReviewEndpoints.Invalid("勘测文件未通过检查", read.Errors);
        var check = ParcelGeometry.Check(read.Geometry, options.Value.MaxVertices, checks.Districts);
        if (!check.IsValid) return ReviewApi.GeometryRefused(check);

        var warnings = read.Warnings.ToList();
        var stated = parcel.AreaMu;
        var measured = ReviewApi.AreaMu(check.Geometry!);
        if (stated is > 0 && Math.Abs(measured - stated.Value) > stated.Value * AreaTolerance)
            warnings.Add($"The surveyed boundary measures {measured:0.#} 亩 but the report states {stated:0.#} 亩 ({(measured / stated.Value - 1) * 100:+0;-0}%).");

        var constraints = await checks.CheckAsync(id, check.Geometry!, cancellationToken);
        var edit = new ReviewedGeometry(parcel.Id, expected ?? parcel.Version, check.Geometry!, ReviewEndpoints.Actor(http.User),
            comment ?? $"survey {file.FileName}", "survey", new { file = file.FileName, format = read.Format, warnings },
            constraints, Core.Geocoding.OutlineConfidence.Of(constraints, measured, stated));
        return await ReviewApi.SaveAsync(http, review, edit, id, warnings, cancellationToken);
    }
}
