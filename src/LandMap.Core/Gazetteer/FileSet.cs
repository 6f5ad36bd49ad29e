using System.Text;

namespace LandMap.Core.Gazetteer;

/// <summary>
/// Files of a gazetteer folder that change together or not at all (a district import's outlines and registry, the
/// files a datum conversion rewrites). Each is first written beside its target under a name no loader reads; then the
/// targets are replaced one by one, the old ones kept aside until every one is in place and put back when one cannot
/// be. Disposing removes whatever staged file was not put in place.
/// </summary>
public sealed class FileSet : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);
    private readonly List<(string Target, string Temp)> _staged = [];

    /// <summary>Writes <paramref name="text"/> beside <paramref name="target"/>; returns where, for checks before <see cref="Commit"/>.</summary>
    /// <exception cref="IOException">It cannot be written; the message names <paramref name="target"/>.</exception>
    public string Stage(string target, string text)
    {
        var temp = Aside(target, "tmp");
        _staged.Add((target, temp));
        Naming(target, () => File.WriteAllText(temp, text, Utf8NoBom));
        return temp;
    }

    /// <summary>Puts every staged file in place, or none.</summary>
    /// <exception cref="IOException">A target cannot be replaced (the message names it); the others are as they were.</exception>
    public void Commit()
    {
        var replaced = new List<(string Target, string? Kept)>();
        try
        {
            foreach (var (target, temp) in _staged)
            {
                Naming(target, () =>
                {
                    var kept = File.Exists(target) ? Aside(target, "old") : null;
                    if (kept is not null) File.Move(target, kept);
                    replaced.Add((target, kept));
                    File.Move(temp, target);
                });
            }
        }
        catch (IOException)
        {
            foreach (var (target, kept) in Enumerable.Reverse(replaced))
            {
                if (kept is not null) File.Move(kept, target, overwrite: true);
                else if (File.Exists(target)) File.Delete(target);
            }
            throw;
        }
        foreach (var (_, kept) in replaced)
        {
            if (kept is not null) File.Delete(kept);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (_, temp) in _staged) File.Delete(temp);
    }

    private static void Naming(string target, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{target}: cannot write: {e.Message}", e);
        }
    }

    private static string Aside(string target, string suffix) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.{suffix}");
}
