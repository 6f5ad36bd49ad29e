using LandMap.Core.Crs;
using LandMap.Core.Gazetteer.Import;
using LandMap.Core.Surveys;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Review;

/// <summary>A surveyed boundary read from an upload, or why not.</summary>
public sealed record SurveyUploadResult(Geometry? Geometry, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, string? Format)
{
    public static SurveyUploadResult Fail(params IEnumerable<string> errors) => new(null, [.. errors], [], null);
}

/// <summary>
/// Reads an uploaded survey: the 勘测定界 TXT through <see cref="SurveyFileReader"/> (closure, point count, zone and range of the districts,
/// datum, area vs 公顷), GIS files through the gazetteer import sources (which cap archive entries, compression ratio,
/// vertices and WKB nesting) and reprojects them to WGS 84. The client's file name only picks the reader: the bytes
/// are written to a fresh temporary folder under a fixed name, so the name can never point at a path.
/// </summary>
public static class SurveyUpload
{
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".geojson", ".json", ".zip", ".gpkg"];
    // Percent-encoded dots and slashes: harmless here, but a name that carries them is an attack, not a survey.
    private static readonly string[] EncodedSeparators = ["%2e", "%2f", "%5c"];
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>Why <paramref name="fileName"/> is refused as an upload's name, or null.</summary>
    public static string? NameProblem(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 200) return "The upload needs a file name of at most 200 characters.";
        if (fileName.IndexOfAny(['/', '\\', ':']) >= 0 || fileName.Contains("..", StringComparison.Ordinal) || fileName.Any(char.IsControl)
            || EncodedSeparators.Any(e => fileName.Contains(e, StringComparison.OrdinalIgnoreCase)))
            return "The file name must be a plain name, without folders, '..' or control characters.";
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return Extensions.Contains(extension) ? null : $"Cannot read '{extension}' files; send one of {string.Join(", ", Extensions)}.";
    }

    /// <summary>Reads <paramref name="content"/>; <paramref name="maxExpandedBytes"/> caps what a zipped Shapefile may expand to (the sources also cap the ratio).</summary>
    public static SurveyUploadResult Read(string fileName, byte[] content, int maxVertices, long maxExpandedBytes, IReadOnlyList<SurveyArea>? areas = null)
    {
        if (content.Length == 0) return SurveyUploadResult.Fail($"{fileName} is empty.");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".txt")
        {
            var survey = SurveyFileReader.Read(fileName, content, areas: areas);
            if (!survey.Succeeded) return SurveyUploadResult.Fail(survey.Errors.Count > 0 ? survey.Errors : [$"{fileName}: no parcels found"]);
            return new SurveyUploadResult(Combine(survey.Parcels.Select(p => p.Geometry)), [], survey.Warnings, $"survey-txt ({survey.Encoding})");
        }

        var folder = Directory.CreateTempSubdirectory("landmap-survey-").FullName;
        try
        {
            var path = Path.Combine(folder, "upload" + extension);
            File.WriteAllBytes(path, content);
            var source = GazetteerSources.For(path)!;
            var read = source.Read(path, new GazetteerImportOptions { MaxVerticesPerFeature = maxVertices, MaxFileBytes = maxExpandedBytes });
            if (read.Problems.Count > 0) return SurveyUploadResult.Fail(read.Problems.Select(p => p.ToString().Replace(path, fileName, StringComparison.Ordinal)));
            if (read.Features.Count == 0) return SurveyUploadResult.Fail($"{fileName} holds no features.");
            var errors = new List<string>();
            var parts = new List<Geometry>();
            foreach (var feature in read.Features)
            {
                var crs = feature.Crs ?? source.DefaultCrs;
                if (feature.Geometry is not IPolygonal) errors.Add($"{fileName} feature {feature.Index}: a {feature.Geometry.GeometryType} is not a boundary.");
                else if (crs is null) errors.Add($"{fileName} feature {feature.Index}: the file declares no CRS; include the .prj or the GeoPackage SRS.");
                else if (CrsTransformer.Transform(feature.Geometry, crs, KnownCrs.Wgs84) is { IsSuccess: true } wgs84) parts.Add(wgs84.Value);
                else errors.Add($"{fileName} feature {feature.Index}: cannot reproject from {crs} to WGS 84.");
            }
            return errors.Count > 0 ? SurveyUploadResult.Fail(errors) : new SurveyUploadResult(Combine(parts), [], read.Warnings, source.Format);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Geometry Combine(IEnumerable<Geometry> geometries)
    {
        var polygons = geometries.SelectMany(g => Enumerable.Range(0, g.NumGeometries).Select(i => (Polygon)g.GetGeometryN(i))).ToArray();
        return polygons.Length == 1 ? polygons[0] : Wgs84.CreateMultiPolygon(polygons);
    }
}
