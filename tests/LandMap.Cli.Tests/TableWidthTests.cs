namespace LandMap.Cli.Tests;

/// <summary>Tables fit the terminal (COLUMNS when set), and 120 columns when the output is a file or a pipe.</summary>
public sealed class TableWidthTests
{
    public static TheoryData<string> Commands => new()
    {
        "extract gis-data/reports/001_187e19a5026d8d3e.txt --format table",
        "geocode gis-data/reports/001_187e19a5026d8d3e.txt --format table",
        "diff --from 2021 --to 2023",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void RedirectedTablesAreAtMost120Columns(string command)
    {
        var (exit, stdout, stderr) = Landmap.Run(command.Split(' '));

        Assert.True(exit == 0, stderr);
        Assert.Contains("│", stdout);
        Assert.All(stdout.Split('\n'), line => Assert.True(DisplayWidth(line) <= 120, $"{DisplayWidth(line)} columns: {line}"));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void TablesFitTheColumnsSetting(string command)
    {
        var (exit, stdout, stderr) = Landmap.RunIn(LandMap.Tests.Shared.Checkout.Root, new Dictionary<string, string> { ["COLUMNS"] = "80" }, command.Split(' '));

        Assert.True(exit == 0, stderr);
        Assert.All(stdout.Split('\n'), line => Assert.True(DisplayWidth(line) <= 80, $"{DisplayWidth(line)} columns: {line}"));
    }

    /// <summary>Terminal columns of <paramref name="line"/>: CJK ideographs and full-width forms take two.</summary>
    private static int DisplayWidth(string line) => line.TrimEnd('\r').Sum(c => c switch
    {
        >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF'
            or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' => 2,
        _ => 1,
    });
}
