using LandMap.Core.LandUse;

namespace LandMap.Data.Export;

/// <summary>The file formats <c>landmap export</c> writes.</summary>
public enum ExportFormat
{
    /// <summary>RFC 7946 GeoJSON FeatureCollection.</summary>
    GeoJson,
    /// <summary>OGC GeoPackage (a SQLite file).</summary>
    GeoPackage,
    /// <summary>Esri Shapefile with .prj and .cpg; points and lines in sibling files.</summary>
    Shapefile,
    /// <summary>UTF-8 CSV with BOM: parcels, plus sibling files for projects and indicators.</summary>
    Csv,
    /// <summary>Excel workbook with sheets for parcels, projects and indicators.</summary>
    Xlsx,
}

/// <summary>What an export wrote.</summary>
/// <param name="Parcels">Parcels written (all formats count unresolved ones they keep).</param>
/// <param name="Files">Every file written.</param>
/// <param name="Notes">What a reader should know (skipped features, truncated fields).</param>
public sealed record ExportResult(int Parcels, IReadOnlyList<string> Files, IReadOnlyList<string> Notes);

/// <summary>
/// The attribute columns every export writes for a parcel, in order, with short (≤10 character) names for DBF. The land
/// use is the one read from the name at import (<see cref="LandUseClassifier"/>): its code and its Chinese name.
/// </summary>
internal static class ParcelColumns
{
    public static readonly IReadOnlyList<string> Names =
    [
        "id", "file", "district", "plan_year", "seq", "name", "location", "note", "area_mu", "area_calc", "status", "confidence", "method", "version", "made_by",
        "land_use", "use_name", "conflicts",
    ];

    /// <summary>The values of <see cref="Names"/>; the id is the parcel's public id, the one the API and the tiles use.</summary>
    public static object?[] Values(ParcelRecord p) =>
        [p.PublicId, p.FileName, p.District, p.PlanYear, p.Seq, p.Name, p.Location, p.Note, p.AreaMu, p.AreaMuComputed, p.Status, p.Confidence, p.Method,
            p.Version, p.MadeBy, p.LandUse, p.LandUseName, Conflicts.ConflictText.Summary(p.ConflictsJson)];
}
