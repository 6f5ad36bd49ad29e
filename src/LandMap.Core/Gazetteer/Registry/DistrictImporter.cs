using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandMap.Core.Crs;
using LandMap.Core.Layers;
using LandMap.Core.Layers.Sources;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Precision;

namespace LandMap.Core.Gazetteer.Registry;

/// <summary>How <see cref="DistrictImporter"/> reads a file of district outlines.</summary>
public sealed record DistrictImportOptions
{
    /// <summary><c>--crs</c>: the file's CRS when it declares none or declares it wrongly (GCJ02 for 高德 data).</summary>
    public SourceCrs? Crs { get; init; }

    /// <summary>The field holding the six-digit division code.</summary>
    public string CodeField { get; init; } = "code";

    /// <summary>The field holding the district's name (朝阳区).</summary>
    public string NameField { get; init; } = "name";
}

/// <summary>What an import did: the districts added and replaced, or the errors (and then nothing was written).</summary>
public sealed record DistrictImportResult(IReadOnlyList<RegisteredDistrict> Added, IReadOnlyList<RegisteredDistrict> Replaced,
    IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the registry was written.</summary>
    public bool IsSuccess => Errors.Count == 0;
}

/// <summary>
/// Adds or replaces districts in a gazetteer folder's registry from a file of outlines (GeoJSON, Shapefile, GeoPackage,
/// any CRS the layer readers take, GCJ-02 and BD-09 included): one polygon feature per district with its six-digit code
/// and name. The row goes to <c>registry.csv</c> (city and province from the file's <c>city</c>/<c>province</c> fields,
/// else from the registry's row of that code, else the province from the code), the outline, converted to WGS 84, to
/// <c>registry-districts.geojson</c> as a <c>kind: district</c> gazetteer feature, which the geocoder then uses.
/// All or nothing: any bad feature fails the import, naming file, feature and field; both files are written to temporary
/// files, checked by the gazetteer loader and only then renamed over the old ones.
/// </summary>
public static class DistrictImporter
{
    /// <summary>The gazetteer file imported outlines go to; it sorts after districts.geojson, so it overrides an outline there.</summary>
    public const string OutlineFile = "registry-districts.geojson";

    private static readonly PrecisionModel TenthMicrodegree = new(1e7);

    /// <summary>Imports <paramref name="file"/> into the registry of <paramref name="gazetteerFolder"/>.</summary>
    public static DistrictImportResult Import(string file, string gazetteerFolder, DistrictImportOptions options)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var name = Path.GetFileName(file);
        var read = Read(file, options, errors, warnings);
        if (errors.Count > 0) return new DistrictImportResult([], [], errors, warnings);
        if (read.Count == 0) return new DistrictImportResult([], [], [$"{name}: no features; nothing written."], warnings);

        DistrictRegistry registry;
        try
        {
            registry = DistrictRegistry.ForFolder(gazetteerFolder);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new DistrictImportResult([], [], [$"{gazetteerFolder}: the registry does not read: {e.Message}"], warnings);
        }

        var added = new List<RegisteredDistrict>();
        var replaced = new List<RegisteredDistrict>();
        var rows = registry.All.ToDictionary(d => d.Code);
        foreach (var f in read)
        {
            // District outlines are gazetteer features keyed by name: a second 朝阳区 (北京 and 长春) would take the first's
            // place, and reports naming it would be measured in the other city.
            if (rows.Values.FirstOrDefault(d => d.Name == f.Name && d.Code != f.Code) is { } namesake)
                errors.Add($"{name}: feature {f.Index}: {f.Name} ({f.Code}) has the name of registered {namesake.Code} {namesake.City}{namesake.Name}; " +
                    "two districts of one name in one gazetteer folder are not supported yet: use a folder per city; nothing written.");
        }
        if (errors.Count > 0) return new DistrictImportResult([], [], errors, warnings);
        foreach (var f in read)
        {
            var known = rows.GetValueOrDefault(f.Code) ?? DistrictRegistry.Shipped.ByCode(f.Code);
            var district = new RegisteredDistrict(f.Code, f.Name, f.City ?? known?.City ?? "", f.Province ?? known?.Province ?? Provinces.Of(f.Code) ?? "");
            if (rows.ContainsKey(f.Code)) replaced.Add(district); else added.Add(district);
            rows[f.Code] = district;
        }

        var outlines = Path.Combine(gazetteerFolder, OutlineFile);
        var registryPath = Path.Combine(gazetteerFolder, DistrictRegistryFile.FileName);
        // The two files change together or not at all.
        using var files = new FileSet();
        try
        {
            var staged = files.Stage(outlines, OutlineJson(outlines, read, rows, name));
            files.Stage(registryPath, DistrictRegistryFile.Write(rows.Values));
            var check = GazetteerLoader.LoadFile(staged);
            if (!check.IsSuccess)
            {
                errors.AddRange(check.Problems.Select(p => $"{name}: the outline would not load as a gazetteer feature: {p}"));
                return new DistrictImportResult([], [], errors, warnings);
            }
            files.Commit();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return new DistrictImportResult([], [], [$"{outlines}: not a district outline file LandMap wrote ({e.Message}); fix or remove it; nothing changed."], warnings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new DistrictImportResult([], [], [$"{gazetteerFolder}: cannot write the registry ({e.Message}); nothing changed."], warnings);
        }
        return new DistrictImportResult(added, replaced, [], warnings);
    }

    private sealed record ReadDistrict(int Index, int Code, string Name, string? City, string? Province, Geometry Outline);

    private static List<ReadDistrict> Read(string file, DistrictImportOptions options, List<string> errors, List<string> warnings)
    {
        var name = Path.GetFileName(file);
        var result = new List<ReadDistrict>();
        using var reading = LayerReader.Open(file, new LayerReadOptions { Crs = options.Crs });
        if (!reading.IsOpen)
        {
            errors.AddRange(reading.Problems.Select(p => p.ToString()));
            return result;
        }
        var fields = reading.Fields.Select(f => f.Name).ToList();
        string? Field(string wanted) => fields.FirstOrDefault(f => string.Equals(f, wanted, StringComparison.OrdinalIgnoreCase));
        var codeField = Field(options.CodeField);
        var nameField = Field(options.NameField);
        var fieldList = fields.Count == 0 ? "none" : string.Join(", ", fields);
        // GeoJSON declares its fields by its values, so an empty file has none to check yet.
        if (fields.Count > 0 && codeField is null) errors.Add($"{name}: no field '{options.CodeField}' for the 6-digit code (fields: {fieldList}); pass --code-field.");
        if (fields.Count > 0 && nameField is null) errors.Add($"{name}: no field '{options.NameField}' for the name (fields: {fieldList}); pass --name-field.");
        if (errors.Count > 0) return result;

        var seen = new Dictionary<int, int>();
        try
        {
            foreach (var feature in reading.Features())
            {
                var at = $"{name}: feature {feature.Index + 1}";
                var codeText = Text(feature, codeField ?? options.CodeField);
                var districtName = Text(feature, nameField ?? options.NameField)?.Trim();
                if (codeText is null)
                {
                    errors.Add($"{at}: no value in field '{options.CodeField}' (fields: {string.Join(", ", feature.Attributes.Keys)}); pass --code-field.");
                    continue;
                }
                if (districtName is null)
                {
                    errors.Add($"{at}: no value in field '{options.NameField}' (fields: {string.Join(", ", feature.Attributes.Keys)}); pass --name-field.");
                    continue;
                }
                if (!DistrictRegistryFile.IsCode(codeText, out var code))
                {
                    errors.Add($"{at}: field '{options.CodeField}' = '{codeText}' is not a 6-digit county-level division code (GB/T 2260, e.g. 110105).");
                    continue;
                }
                if (string.IsNullOrEmpty(districtName) || districtName.IndexOfAny([',', '"', '\n', '\r']) >= 0)
                {
                    errors.Add($"{at}: field '{options.NameField}' = '{districtName}' is not a district name (empty, or holds a comma or quote).");
                    continue;
                }
                if (feature.Geometry is not (Polygon or MultiPolygon))
                {
                    errors.Add($"{at} ({code} {districtName}): the outline is a {feature.Geometry.GeometryType}, not a polygon.");
                    continue;
                }
                if (seen.TryGetValue(code, out var first))
                {
                    errors.Add($"{at}: code {code} is also feature {first + 1}; one feature per district.");
                    continue;
                }
                seen[code] = feature.Index;
                result.Add(new ReadDistrict(feature.Index, code, districtName, Text(feature, "city")?.Trim(), Text(feature, "province")?.Trim(), feature.Geometry));
            }
        }
        catch (Exception e) when (e is LayerReadException or IOException or InvalidDataException)
        {
            errors.Add($"{name}: {e.Message}");
        }
        errors.AddRange(reading.Problems.Select(p => p.ToString()));
        warnings.AddRange(reading.Warnings);
        return result;
    }

    private static string? Text(LayerFeature feature, string field)
    {
        var value = feature.Attributes.FirstOrDefault(a => string.Equals(a.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
        return value switch
        {
            null => null,
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e9 => ((long)d).ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    // The outline file: its features of other codes kept, these added; gazetteer feature properties plus the code.
    private static string OutlineJson(string existing, List<ReadDistrict> read, Dictionary<int, RegisteredDistrict> rows, string source)
    {
        var codes = read.Select(r => r.Code).ToHashSet();
        var features = new JsonArray();
        if (File.Exists(existing))
        {
            var old = JsonNode.Parse(File.ReadAllText(existing))?["features"]?.AsArray() ?? [];
            foreach (var f in old)
            {
                if (f?["properties"]?["code"]?.GetValue<int>() is { } c && codes.Contains(c)) continue;
                features.Add(f?.DeepClone());
            }
        }
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)));
        foreach (var r in read)
        {
            var d = rows[r.Code];
            var aliases = new JsonArray();
            foreach (var alias in d.TitleForms().Where(f => f != d.Name).Distinct()) aliases.Add(alias);
            var outline = GeometryPrecisionReducer.Reduce(r.Outline, TenthMicrodegree);
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject
                {
                    ["name"] = d.Name,
                    ["aliases"] = aliases,
                    ["kind"] = "district",
                    ["district"] = d.Name,
                    ["code"] = d.Code,
                    ["source"] = $"landmap districts import {source}",
                },
                ["geometry"] = JsonNode.Parse(JsonSerializer.Serialize(outline, options)),
            });
        }
        var collection = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
        return collection.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
