using LandMap.Tiles.Rendering;

namespace LandMap.Tiles.Tests.Rendering;

public sealed class CjkFontTests
{
    [Fact]
    public void ACjkFontIsInstalled()
    {
        // Fails rather than skips: without the font every Chinese label is an empty box.
        var font = CjkFont.Find();

        Assert.True(font is not null, CjkFont.MissingMessage);
        Assert.True(font.ContainsGlyphs("卫东区湛河区用地保障"), $"{font.FamilyName} lacks common Chinese glyphs. {CjkFont.MissingMessage}");
    }

    [Fact]
    public void MissingMessageNamesTheDebianPackage()
    {
        Assert.Contains("fonts-wqy-microhei", CjkFont.MissingMessage);
        Assert.Contains(CjkFont.DebianPackage, File.ReadAllText(Path.Combine(RepositoryRoot(), ".ci", "apt-packages.txt")));
    }

    [Fact]
    public void AFileWithoutChineseGlyphsIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CjkFont.Require("/nonexistent/font.ttf"));
        Assert.Contains(CjkFont.DebianPackage, e.Message);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LandMap.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LandMap.sln not found above the test output folder.");
    }
}
