using System.Globalization;
using Spectre.Console;

namespace LandMap.Cli;

/// <summary>
/// The Spectre.Console every command writes its tables through, as wide as the terminal: the COLUMNS setting when
/// given, else the terminal's width, else (output to a file or a pipe) <see cref="RedirectedWidth"/>. Tables wider
/// than that wrap their long cells (names, locations, reasons) instead of growing to a thousand columns.
/// </summary>
internal static class CliConsole
{
    /// <summary>Columns when the output is not a terminal: wide enough for the land table's columns, narrow enough to read.</summary>
    public const int RedirectedWidth = 120;

    /// <summary>A console writing to standard output (or <paramref name="output"/>, such as stderr for progress).</summary>
    public static IAnsiConsole Create(TextWriter? output = null)
    {
        output ??= Console.Out;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var redirected = output == Console.Error ? Console.IsErrorRedirected : Console.IsOutputRedirected;
        if (Columns() is { } columns) console.Profile.Width = columns;
        else if (redirected) console.Profile.Width = RedirectedWidth;
        return console;
    }

    private static int? Columns() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns >= 40
            ? columns : null;
}
