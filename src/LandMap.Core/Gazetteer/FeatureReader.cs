using System.Text.Json;

namespace LandMap.Core.Gazetteer;

/// <summary>Checks and reads the features of one parsed gazetteer file, reporting into a <see cref="ProblemList"/>.</summary>
internal sealed partial class FeatureReader(string file, GazetteerLoadOptions options, ProblemList problems)
{
    private static readonly string KindNames = string.Join(", ", Enum.GetNames<PlaceKind>().Select(n => n.ToLowerInvariant()));

    private int _index;

    public List<GazetteerFeature> ReadCollection(JsonElement root)
    {
        var result = new List<GazetteerFeature>();
        if (root.ValueKind != JsonValueKind.Object || Str(root, "type") != "FeatureCollection"
            || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            problems.Add(GazetteerProblemCode.NotFeatureCollection, file, null, null,
                "The root must be {\"type\": \"FeatureCollection\", \"features\": [...]}.");
            return result;
        }

        var firstIndex = new Dictionary<(string, PlaceKind, string), int>();
        _index = 0;
        foreach (var element in features.EnumerateArray())
        {
            if (ReadFeature(element) is { } feature)
            {
                if (firstIndex.TryGetValue(feature.Key, out var first))
                {
                    Problem(GazetteerProblemCode.DuplicateFeature, "properties.name",
                        $"repeats {feature} of feature {first}; merge the parts into one Multi* geometry, or tell them apart by name or district.");
                }
                else
                {
                    firstIndex[feature.Key] = _index;
                    result.Add(feature);
                }
            }

            _index++;
        }

        return result;
    }

    private GazetteerFeature? ReadFeature(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || Str(element, "type") != "Feature")
        {
            Problem(GazetteerProblemCode.NotFeature, null, "Each element of features must be {\"type\": \"Feature\", ...}.");
            return null;
        }

        if (!element.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
        {
            Problem(GazetteerProblemCode.MissingField, "properties", "The feature has no properties object; it needs at least name and kind.");
            return null;
        }

        var ok = true;
        var name = RequiredString(props, "name", "the canonical place name", ref ok);
        var kindText = RequiredString(props, "kind", $"one of {KindNames}", ref ok);
        PlaceKind kind = default;
        if (kindText is not null && !TryParseKind(kindText, out kind))
        {
            Problem(GazetteerProblemCode.UnknownKind, "properties.kind", $"'{kindText}' is not a kind; use one of {KindNames}.");
            ok = false;
        }

        var aliases = Aliases(props, ref ok);
        var district = OptionalString(props, "district", ref ok);
        var source = OptionalString(props, "source", ref ok);
        var precision = Precision(props, ref ok);
        var id = Id(element, ref ok);
        var geometry = ReadGeometry(element);
        var ways = geometry is null ? null : Ways(props, geometry, ref ok);
        if (!ok || geometry is null)
        {
            return null;
        }

        return new GazetteerFeature
        {
            Name = name!.Trim(), Aliases = aliases, Kind = kind, District = district?.Trim(), PrecisionM = precision,
            Source = source, Geometry = geometry, Id = id, File = file, Ways = ways,
        };
    }

    private string? RequiredString(JsonElement props, string field, string what, ref bool ok)
    {
        if (props.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
        {
            return v.GetString();
        }

        var exists = props.TryGetProperty(field, out _);
        Problem(exists ? GazetteerProblemCode.WrongType : GazetteerProblemCode.MissingField, "properties." + field,
            exists ? $"Must be a non-empty string: {what}." : $"Missing; give {what}.");
        ok = false;
        return null;
    }

    private string? OptionalString(JsonElement props, string field, ref bool ok)
    {
        if (!props.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }

        ok = Problem(GazetteerProblemCode.WrongType, "properties." + field, $"Must be a string or null, not {v.ValueKind}.");
        return null;
    }

    private IReadOnlyList<string> Aliases(JsonElement props, ref bool ok)
    {
        if (!props.TryGetProperty("aliases", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            ok = Problem(GazetteerProblemCode.WrongType, "properties.aliases", $"Must be an array of strings, not {v.ValueKind}: [\"原许南路\"].");
            return [];
        }

        var aliases = new List<string>();
        var i = 0;
        foreach (var a in v.EnumerateArray())
        {
            if (a.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(a.GetString()))
            {
                ok = Problem(GazetteerProblemCode.WrongType, $"properties.aliases[{i}]", "Every alias must be a non-empty string.");
                return [];
            }

            aliases.Add(a.GetString()!.Trim());
            i++;
        }

        return aliases;
    }

    // properties.ways: one object of road tags per line part of the geometry (see RoadWay), or absent.
    private IReadOnlyList<RoadWay>? Ways(JsonElement props, NetTopologySuite.Geometries.Geometry geometry, ref bool ok)
    {
        if (!props.TryGetProperty("ways", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != geometry.NumGeometries || geometry.Dimension != NetTopologySuite.Geometries.Dimension.Curve)
        {
            ok = Problem(GazetteerProblemCode.WrongType, "properties.ways",
                $"Must be an array of one object per line of the geometry ({geometry.NumGeometries} here), each with the way's id and road tags: [{{\"id\": \"way/1\", \"highway\": \"primary\", \"oneway\": \"yes\"}}].");
            return null;
        }

        var ways = new List<RoadWay>();
        var i = 0;
        foreach (var w in v.EnumerateArray())
        {
            if (w.ValueKind != JsonValueKind.Object || w.EnumerateObject().Any(p => p.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)))
            {
                ok = Problem(GazetteerProblemCode.WrongType, $"properties.ways[{i}]", "Each way must be an object of string tags (id, highway, oneway, tunnel, bridge, layer, junction).");
                return null;
            }

            ways.Add(RoadWay.FromTags(Str(w, "id"), tag => Str(w, tag)));
            i++;
        }

        return ways;
    }

    private double? Precision(JsonElement props, ref bool ok)
    {
        if (!props.TryGetProperty("precisionM", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) && d > 0)
        {
            return d;
        }

        ok = Problem(GazetteerProblemCode.WrongType, "properties.precisionM", $"Must be a positive number of metres, not {v.GetRawText()}.");
        return null;
    }

    private string? Id(JsonElement feature, ref bool ok)
    {
        if (!feature.TryGetProperty("id", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        }

        ok = Problem(GazetteerProblemCode.WrongType, "id", "A feature id must be a string or a number.");
        return null;
    }

    private static bool TryParseKind(string text, out PlaceKind kind)
    {
        // Enum.TryParse would also accept "3" and "road,river": match names only.
        foreach (var k in Enum.GetValues<PlaceKind>())
        {
            if (string.Equals(k.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Records a problem of the current feature; returns false so callers can <c>return Problem(...)</c>.</summary>
    private bool Problem(GazetteerProblemCode code, string? field, string message)
    {
        problems.Add(code, file, _index, field, message);
        return false;
    }
}
