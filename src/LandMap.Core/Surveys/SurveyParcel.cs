using NetTopologySuite.Geometries;

namespace LandMap.Core.Surveys;

/// <summary>One parcel of a surveyed boundary file (勘测定界 / 报批坐标), checked and in WGS 84.</summary>
/// <param name="Id">The parcel id of the header line.</param>
/// <param name="Name">The parcel name (区块一).</param>
/// <param name="Use">The land use printed (工业用地), if any.</param>
/// <param name="HeaderPoints">How many points the header declares.</param>
/// <param name="HeaderAreaHa">The area the header declares, in 公顷.</param>
/// <param name="Geometry">The boundary in WGS 84 lon/lat (SRID 4326): a Polygon, holes from rings 2…</param>
/// <param name="AreaM2">The plane area in square metres of the file's own 3° Gauss-Krüger zone (EPSG:4547 for CGCS2000 zone 38).</param>
/// <param name="Line">The 1-based line of the header in the file.</param>
public sealed record SurveyParcel(string Id, string Name, string? Use, int HeaderPoints, double? HeaderAreaHa, Geometry Geometry, double AreaM2, int Line);

/// <summary>The result of reading a survey file: parcels when it passed every check, else the problems.</summary>
/// <param name="Parcels">The parcels; empty when any error was found (nothing half-read is stored).</param>
/// <param name="Errors">What is wrong, each naming the line: the file must be fixed.</param>
/// <param name="Warnings">What a reviewer should look at (area differences beyond 5%).</param>
/// <param name="Encoding">How the file was decoded.</param>
public sealed record SurveyReadResult(IReadOnlyList<SurveyParcel> Parcels, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, string? Encoding)
{
    /// <summary>True when the file passed every check.</summary>
    public bool Succeeded => Errors.Count == 0 && Parcels.Count > 0;
}
