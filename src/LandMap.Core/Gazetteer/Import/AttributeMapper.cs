using System.Globalization;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>What <see cref="AttributeMapper"/> made of one record.</summary>
internal sealed record MappedAttributes(string Name, IReadOnlyList<string> Aliases, PlaceKind Kind, string? District);

/// <summary>
/// Maps a record's attributes to gazetteer properties. Each property is taken from, in order: the fixed
/// option (<c>--kind</c>, <c>--district</c>), the named field (<c>--kind-field</c>...), a conventional field
/// (name/NAME/名称/MC/Name; aliases; kind; district), then what the format itself says (OSM tags).
/// </summary>
internal sealed class AttributeMapper(GazetteerImportOptions options)
{
    private static readonly string[] NameFields = ["name", "NAME", "名称", "MC", "Name"];
    private static readonly char[] AliasSeparators = ['、', ',', '，', ';', '；', '|'];

    /// <summary>
    /// Records, per file or layer, each field named by an option that no record has, listing the fields there are:
    /// one missing value is normal (GeoJSON properties vary), a field missing everywhere is a typo.
    /// </summary>
    public void CheckFields(IReadOnlyList<SourceFeature> features, ImportProblems problems)
    {
        string?[] named = [options.NameField, options.AliasField, options.KindField, options.DistrictField];
        foreach (var layer in features.GroupBy(f => f.Where))
        {
            var present = layer.SelectMany(f => f.Attributes.Keys).ToHashSet(StringComparer.Ordinal);
            foreach (var field in named.OfType<string>().Where(f => !present.Contains(f)).Distinct())
            {
                problems.Add(ImportProblemCode.UnknownField, layer.Key, null, null, field,
                    $"No record has this field; the fields are: {string.Join(", ", present.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    /// <summary>The mapped properties; null with <paramref name="unnamed"/> true when the record has no name (skipped, not an error).</summary>
    public MappedAttributes? Map(SourceFeature feature, ImportProblems problems, out bool unnamed)
    {
        var nameField = options.NameField ?? NameFields.FirstOrDefault(f => feature.Attributes.ContainsKey(f));
        var name = nameField is null ? null : Text(feature, nameField);
        unnamed = string.IsNullOrWhiteSpace(name);
        if (unnamed || !TryKind(feature, problems, out var kind))
        {
            return null;
        }

        if (kind is null)
        {
            problems.Add(ImportProblemCode.MissingKind, feature.Where, feature.Index, feature.Id, options.KindField,
                "No kind: pass --kind road (for all) or --kind-field FIELD; values are " + KindList() + " or 道路, 村庄, 河流...");
            return null;
        }

        var aliasField = options.AliasField ?? (feature.Attributes.ContainsKey("aliases") ? "aliases" : null);
        var aliases = aliasField is null ? [] : Aliases(feature, aliasField);
        var district = options.District ?? Text(feature, options.DistrictField ?? "district");
        var all = aliases.Concat(feature.Aliases).Select(a => a.Trim())
            .Where(a => a.Length > 0 && PlaceNames.Normalize(a) != PlaceNames.Normalize(name!))
            .Distinct(StringComparer.Ordinal).ToList();
        return new MappedAttributes(name!.Trim(), all, kind.Value, string.IsNullOrWhiteSpace(district) ? null : district.Trim());
    }

    /// <summary>The kind, or null when nothing says; false after recording an unknown kind value.</summary>
    private bool TryKind(SourceFeature feature, ImportProblems problems, out PlaceKind? kind)
    {
        kind = options.Kind ?? feature.Kind;
        if (options.Kind is not null)
        {
            return true;
        }

        var field = options.KindField ?? (feature.Attributes.ContainsKey("kind") && feature.Kind is null ? "kind" : null);
        var text = field is null ? null : Text(feature, field);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        kind = PlaceKindNames.Parse(text);
        return kind is not null || problems.Add(ImportProblemCode.UnknownKind, feature.Where, feature.Index, feature.Id, field,
            $"'{text}' is not a kind; use one of {KindList()} (or 道路, 铁路, 河流, 沟渠, 村庄, 社区), or pass --kind.");
    }

    /// <summary>The field as text; null when the record lacks it (fields named by options are checked per layer first).</summary>
    private static string? Text(SourceFeature feature, string field)
    {
        if (!feature.Attributes.TryGetValue(field, out var value))
        {
            return null;
        }

        return value switch
        {
            null => null,
            string s => s,
            List<string> list => string.Join("、", list),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    private static List<string> Aliases(SourceFeature feature, string field)
    {
        if (feature.Attributes.TryGetValue(field, out var value) && value is List<string> list)
        {
            return [.. list];
        }

        var text = Text(feature, field);
        return text is null ? [] : [.. text.Split(AliasSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static string KindList() => string.Join(", ", Enum.GetNames<PlaceKind>().Select(n => n.ToLowerInvariant()));
}
