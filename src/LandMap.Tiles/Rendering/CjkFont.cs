using SkiaSharp;

namespace LandMap.Tiles.Rendering;

/// <summary>
/// Finds a font with Chinese glyphs: Skia draws a missing glyph as an empty box ("tofu") and does no font
/// fallback of its own, so every label is drawn with one CJK font that also has Latin letters and digits.
/// </summary>
/// <remarks>
/// Fallback chain, in order; each candidate must hold the glyphs of 卫东湛河区:
/// <list type="number">
/// <item>the explicit font file, when given (<see cref="RenderOptions.FontPath"/>);</item>
/// <item><c>SKFontManager.Default.MatchCharacter('卫')</c> — works where Skia uses fontconfig, Windows or macOS;</item>
/// <item>the sans CJK families of <see cref="KnownFamilies"/> by name — Linux builds without fontconfig
/// scan /usr/share/fonts but cannot match by character;</item>
/// <item>the files of <see cref="KnownPaths"/>, as Debian installs them;</item>
/// <item>any installed family that holds the glyphs.</item>
/// </list>
/// </remarks>
public static class CjkFont
{
    /// <summary>The Debian package CI installs for Chinese labels (listed in .ci/apt-packages.txt).</summary>
    public const string DebianPackage = "fonts-wqy-microhei";

    private const string Probe = "卫东湛河区";

    private static readonly Lazy<SKTypeface?> Found = new(() => Search(null));

    /// <summary>Sans CJK families to ask the font manager for, most wanted first.</summary>
    public static IReadOnlyList<string> KnownFamilies { get; } =
        ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL SungtiL GB"];

    /// <summary>Font files of Debian packages with CJK glyphs, most wanted first.</summary>
    public static IReadOnlyList<string> KnownPaths { get; } =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
    ];

    /// <summary>What to do when no font is found.</summary>
    public static string MissingMessage { get; } =
        $"No font with Chinese glyphs found: labels would render as empty boxes. Install the Debian package {DebianPackage} " +
        $"(apt-get install {DebianPackage}; CI installs it from .ci/apt-packages.txt), or give a font file (--font / RenderOptions.FontPath).";

    /// <summary>The first CJK font of the fallback chain, or null when there is none. The search runs once per process.</summary>
    /// <param name="fontPath">A font file to try first; searched anew on each call.</param>
    public static SKTypeface? Find(string? fontPath = null) => fontPath is null ? Found.Value : Search(fontPath);

    /// <summary>Like <see cref="Find"/>, but throws when there is no CJK font.</summary>
    /// <exception cref="InvalidOperationException">No CJK font is installed; the message names the package to install.</exception>
    public static SKTypeface Require(string? fontPath = null) =>
        Find(fontPath) ?? throw new InvalidOperationException(
            fontPath is null ? MissingMessage : $"{fontPath} is not a readable font with Chinese glyphs. {MissingMessage}");

    private static SKTypeface? Search(string? fontPath)
    {
        if (fontPath is not null)
        {
            return Usable(SKTypeface.FromFile(fontPath));
        }

        var manager = SKFontManager.Default;
        if (Usable(manager.MatchCharacter(Probe[0])) is { } matched)
        {
            return matched;
        }

        foreach (var family in KnownFamilies)
        {
            if (Usable(manager.MatchFamily(family)) is { } named && named.FamilyName == family)
            {
                return named;
            }
        }

        foreach (var path in KnownPaths.Where(File.Exists))
        {
            if (Usable(SKTypeface.FromFile(path)) is { } file)
            {
                return file;
            }
        }

        // Ordinal order so the same machine always picks the same font.
        return manager.FontFamilies.Order(StringComparer.Ordinal)
            .Select(f => Usable(manager.MatchFamily(f)))
            .FirstOrDefault(t => t is not null);
    }

    // Not disposed when rejected: the font manager may hand out shared instances.
    private static SKTypeface? Usable(SKTypeface? typeface) =>
        typeface is not null && typeface.ContainsGlyphs(Probe) ? typeface : null;
}
