using System.CommandLine;
using System.CommandLine.Parsing;

namespace LandMap.Cli;

/// <summary>
/// Makes every command treat a mistyped option as System.CommandLine treats it for a command without arguments
/// (<c>export --dbb</c>): an error with "Did you mean …?". By default a command with a FILE argument takes any token it
/// does not know as a file name, so <c>import --dbb x.db</c> imported into the default store and then missed a file
/// "--dbb". Here a FILE or NAME argument stops at the first token that looks like an option; the parser then reports
/// that token and the ones after it as unmatched, with its own typo suggestions. A file whose name starts with '-' is
/// passed as ./-name.
/// </summary>
internal static class UnknownOptions
{
    /// <summary>Applies the rule to the arguments of <paramref name="command"/> and of all its subcommands.</summary>
    public static T Reject<T>(T command) where T : Command
    {
        foreach (var argument in command.Arguments)
        {
            switch (argument)
            {
                case Argument<string[]> many:
                    many.CustomParser = result => [.. TakeUntilOption(result)];
                    break;
                case Argument<string> one:
                    one.CustomParser = result => TakeUntilOption(result).FirstOrDefault()!;
                    break;
            }
        }
        foreach (var subcommand in command.Subcommands) Reject(subcommand);
        return command;
    }

    private static List<string> TakeUntilOption(ArgumentResult result)
    {
        var values = result.Tokens.Select(t => t.Value).TakeWhile(v => !LooksLikeOption(v)).ToList();
        if (values.Count < result.Tokens.Count) result.OnlyTake(values.Count);
        return values;
    }

    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);
}
