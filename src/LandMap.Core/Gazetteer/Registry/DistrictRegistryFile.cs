using System.Globalization;
using System.Text;

namespace LandMap.Core.Gazetteer.Registry;

/// <summary>
/// Reads and writes <c>registry.csv</c>: UTF-8, a header row <c>code,name,city,province</c>, one district a row, sorted
/// by code. Names never contain commas or quotes, so the file is plain CSV without quoting; a field that has one is refused.
/// </summary>
public static class DistrictRegistryFile
{
    /// <summary>The file name inside a gazetteer folder.</summary>
    public const string FileName = "registry.csv";

    private const string Header = "code,name,city,province";

    /// <summary>Reads a registry file.</summary>
    /// <exception cref="InvalidDataException">A row is malformed; the message names file, line and field.</exception>
    public static IReadOnlyList<RegisteredDistrict> Read(TextReader reader, string file)
    {
        var header = reader.ReadLine()?.TrimStart('\uFEFF');
        if (header != Header) throw new InvalidDataException($"{file}: line 1 must be the header '{Header}', found '{header}'.");
        var districts = new List<RegisteredDistrict>();
        var seen = new HashSet<int>();
        var number = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Trim().Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != 4) throw new InvalidDataException($"{file}: line {number} has {fields.Length} fields, expected 4 ({Header}).");
            if (!IsCode(fields[0], out var code)) throw new InvalidDataException($"{file}: line {number}: code '{fields[0]}' is not a six-digit division code.");
            if (fields[1].Trim().Length == 0) throw new InvalidDataException($"{file}: line {number}: name is empty.");
            if (!seen.Add(code)) throw new InvalidDataException($"{file}: line {number}: code {code} is listed twice.");
            districts.Add(new RegisteredDistrict(code, fields[1].Trim(), fields[2].Trim(), fields[3].Trim()));
        }
        return districts;
    }

    /// <summary>Reads the registry file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">A row is malformed.</exception>
    public static IReadOnlyList<RegisteredDistrict> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    /// <summary>The file's text for <paramref name="districts"/>, sorted by code.</summary>
    /// <exception cref="ArgumentException">A name holds a comma, quote or line break.</exception>
    public static string Write(IEnumerable<RegisteredDistrict> districts)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var d in districts.OrderBy(d => d.Code))
        {
            foreach (var field in new[] { d.Name, d.City, d.Province })
                if (field.IndexOfAny([',', '"', '\n', '\r']) >= 0) throw new ArgumentException($"District {d.Code}: '{field}' holds a comma, quote or line break.", nameof(districts));
            text.Append(d.Code.ToString(CultureInfo.InvariantCulture)).Append(',').Append(d.Name).Append(',').Append(d.City).Append(',').Append(d.Province).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>True for a six-digit code of a county-level division (not 000000, not a province or city code ending 00).</summary>
    public static bool IsCode(string text, out int code)
    {
        code = 0;
        return text.Length == 6 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out code)
            && code >= 110000 && code % 100 != 0;
    }
}
