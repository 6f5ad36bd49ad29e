using System.Text;

namespace LandMap.Core.Gazetteer;

/// <summary>
/// Normalizes place names so that the forms OCR and authors produce compare equal: the key used by
/// <see cref="GazetteerIndex"/> for names, aliases and districts.
/// </summary>
/// <remarks>
/// Steps, in order: Unicode NFKC (full-width digits, letters and brackets become half-width; the
/// ideographic space becomes a space), removal of all white space and zero-width characters, then the
/// substring replacements of <see cref="OcrConfusions"/>, applied in table order. The table is data: add a
/// row when a new confusion is seen in a report, and keep each variant specific enough that it cannot be a
/// real place name of Pingdingshan.
/// </remarks>
public static class PlaceNames
{
    /// <summary>Known OCR confusions in the reports, as (variant, canonical) substring pairs.</summary>
    public static IReadOnlyList<(string Variant, string Canonical)> OcrConfusions { get; } =
    [
        // 郏 (Jia, as in 郏县) is read as its traditional form or as look-alikes: 平郏东路 is the road to 郏县,
        // printed 平郟东路, 平郑东路, 东平郑路, 东平郛路, 平郊东路, 平邾东路.
        ("郟", "郏"),
        ("平郑", "平郏"),
        ("平郛", "平郏"),
        ("平郊", "平郏"),
        ("平邾", "平郏"),
        // 湛河区 printed as 漯河区; there is no 漯河区 (漯河 is a city), so the district form is safe to fix.
        ("漯河区", "湛河区"),
    ];

    /// <summary>The comparison key of a name: NFKC, no white space, OCR confusions fixed.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nfkc = name.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var c in nfkc)
        {
            if (!char.IsWhiteSpace(c) && !IsZeroWidth(c))
            {
                sb.Append(c);
            }
        }

        foreach (var (variant, canonical) in OcrConfusions)
        {
            sb.Replace(variant, canonical);
        }

        return sb.ToString();
    }

    private static bool IsZeroWidth(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';
}
