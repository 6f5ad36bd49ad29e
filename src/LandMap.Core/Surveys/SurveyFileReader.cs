using System.Globalization;
using LandMap.Core.Crs;
using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Surveys;

/// <summary>
/// Reads the 勘测定界 / 报批 coordinate TXT format (GBK or UTF-8): a [属性描述] block (坐标系, 几度分带, 带号…)
/// and a [地块坐标] block of parcels, each a header line (points, area 公顷, id, name, 面, sheet, use, code, @)
/// followed by point lines (id, ring, X northing, Y easting with or without the zone prefix). Checks before
/// anything is returned: every ring closes, the point count matches the header, every point lies near the districts in
/// their 3-degree zone (<see cref="SurveyArea"/>: zone 38 for Pingdingshan; catching swapped X/Y and wrong zones), the datum is CGCS2000 (Xi'an 1980 / Beijing 1954 need
/// the bureau's parameters), and the area matches the header's 公顷 (a warning beyond 5%).
/// </summary>
public static class SurveyFileReader
{
    private const double AreaWarning = 0.05;

    // Plane coordinates before the zone's CRS is known; the SRID is not read.
    private static readonly GeometryFactory Plane = new(new PrecisionModel());
    /// <summary>Reads <paramref name="content"/>, the bytes of the file named <paramref name="fileName"/>, for the districts of
    /// <paramref name="areas"/> (default: Pingdingshan's, zone 38).</summary>
    public static SurveyReadResult Read(string fileName, byte[] content, CrsTransformOptions? datum = null, IReadOnlyList<SurveyArea>? areas = null)
    {
        areas ??= [SurveyArea.Pingdingshan];
        var decoded = TextDecoder.Decode(content);
        if (!decoded.Succeeded) return Fail(fileName, decoded.Failure!);
        var lines = decoded.Text!.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        var errors = new List<string>();
        var warnings = new List<string>();
        var attributes = new Dictionary<string, string>();
        var blocks = new List<(string[] Header, int Line, List<(string Id, int Ring, double X, double Y, int Line)> Points)>();
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = NumberText.ToHalfWidth(lines[i]).Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('[')) { section = line; continue; }
            if (section.Contains("属性描述") && line.Split('=', 2) is [var key, var value]) { attributes[key.Trim()] = value.Trim(); continue; }
            if (!section.Contains("地块坐标")) continue;
            var cells = line.Split(',');
            if (line.EndsWith('@'))
            {
                blocks.Add((cells, i + 1, []));
            }
            else if (blocks.Count == 0)
            {
                errors.Add($"{fileName} line {i + 1}: a point before any parcel header (a line ending in @)");
            }
            else if (cells.Length >= 4 && int.TryParse(cells[1], out var ring) && Number(cells[2]) is { } x && Number(cells[3]) is { } y)
            {
                blocks[^1].Points.Add((cells[0], ring, x, y, i + 1));
            }
            else
            {
                errors.Add($"{fileName} line {i + 1}: expected 'point id, ring, X, Y', got '{line}'");
            }
        }

        var source = SourceCrs(fileName, attributes, errors);
        if (blocks.Count == 0 && errors.Count == 0) errors.Add($"{fileName}: no [地块坐标] parcels found");
        var parcels = new List<SurveyParcel>();
        foreach (var block in blocks)
        {
            if (ReadParcel(fileName, block.Header, block.Line, block.Points, source, datum, areas, errors, warnings) is { } parcel) parcels.Add(parcel);
        }
        return errors.Count > 0 ? new SurveyReadResult([], errors, warnings, decoded.Encoding) : new SurveyReadResult(parcels, [], warnings, decoded.Encoding);
    }

    private static SurveyParcel? ReadParcel(string file, string[] header, int headerLine, List<(string Id, int Ring, double X, double Y, int Line)> points,
        GeodeticDatum? source, CrsTransformOptions? datum, IReadOnlyList<SurveyArea> areas, List<string> errors, List<string> warnings)
    {
        int? parcelZone = null;
        var where = $"{file} line {headerLine}";
        int.TryParse(header[0], out var declared);
        double? areaHa = header.Length > 1 ? Number(header[1]) : null;
        var id = header.Length > 2 ? header[2] : "";
        var name = header.Length > 3 ? header[3] : id;
        var use = header.Length > 6 && header[6].Length > 0 ? header[6] : null;
        if (declared != points.Count) errors.Add($"{where}: the header declares {declared} points but {points.Count} follow");

        var rings = new List<LinearRing>();
        foreach (var ring in points.GroupBy(p => p.Ring).OrderBy(g => g.Key))
        {
            var coordinates = new List<Coordinate>();
            foreach (var p in ring)
            {
                var check = SurveyCoordinates.Check(p.X, p.Y, areas);
                if (check.Code != SurveyCheckCode.Plausible)
                {
                    errors.Add($"{file} line {p.Line} (point {p.Id}): {check.Message}");
                    return null;
                }
                if ((parcelZone ??= check.Zone) != check.Zone)
                {
                    errors.Add($"{file} line {p.Line} (point {p.Id}): the point lies in zone {check.Zone}, the parcel's first point in zone {parcelZone}; one parcel is in one zone");
                    return null;
                }
                coordinates.Add(SurveyCoordinates.FromXY(p.X, p.Y, check.Zone ?? SurveyCoordinates.PingdingshanZone).Value.Coordinate);
            }
            if (coordinates.Count < 4 || !coordinates[0].Equals2D(coordinates[^1]))
            {
                errors.Add($"{where}: ring {ring.Key} of {name} is not closed (its last point must repeat the first, {ring.First().Id})");
                return null;
            }
            rings.Add(Plane.CreateLinearRing(coordinates.ToArray()));
        }
        if (rings.Count == 0 || source is not { } sourceDatum || parcelZone is not { } zone) return null;

        // The datum's 3° CM CRS of the parcel's zone: EPSG:4547 (CGCS2000), 2383 (Xi'an 1980) or 2435 (Beijing 1954) in zone 38.
        var crs = KnownCrs.FromEpsg(GaussKrugerZones.ThreeDegreeEpsg(sourceDatum, zone, prefixed: false)!.Value).Value;
        var polygon = Plane.CreatePolygon(rings[0], rings.Skip(1).ToArray());
        if (!polygon.IsValid)
        {
            errors.Add($"{where}: the boundary of {name} crosses itself ({new NetTopologySuite.Operation.Valid.IsValidOp(polygon).ValidationError}); fix the survey file");
            return null;
        }
        if (areaHa is { } ha && ha > 0 && Math.Abs(polygon.Area / 10_000 - ha) > ha * AreaWarning)
        {
            warnings.Add($"{where}: {name} measures {polygon.Area / 10_000:0.####} 公顷 but the header says {ha} 公顷");
        }
        var wgs84 = CrsTransformer.Transform(polygon, crs, KnownCrs.Wgs84, datum);
        if (!wgs84.IsSuccess)
        {
            errors.Add($"{where}: {wgs84.Error!.Message}");
            return null;
        }
        return new SurveyParcel(id, name, use, declared, areaHa, wgs84.Value, polygon.Area, headerLine);
    }

    // The file's 坐标系 and 几度分带; coordinates are read on their zone's central meridian after the zone prefix is stripped.
    private static GeodeticDatum? SourceCrs(string file, Dictionary<string, string> attributes, List<string> errors)
    {
        if (attributes.TryGetValue("几度分带", out var width) && width != "3")
        {
            errors.Add($"{file}: {width}-degree zones are not supported; export the boundary in 3-degree zones");
            return null;
        }
        var system = attributes.GetValueOrDefault("坐标系", "2000国家大地坐标系");
        if (system.Contains("2000")) return GeodeticDatum.Cgcs2000;
        if (system.Contains("80") || system.Contains("西安")) return GeodeticDatum.Xian1980;
        if (system.Contains("54") || system.Contains("北京")) return GeodeticDatum.Beijing1954;
        errors.Add($"{file}: unknown 坐标系 '{system}'; expected 2000国家大地坐标系, 西安80 or 北京54");
        return null;
    }

    private static double? Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private static SurveyReadResult Fail(string file, string reason) => new([], [$"{file}: {reason}"], [], null);
}
