using CsCheck;

namespace LandMap.Tests.Shared;

/// <summary>
/// Property runs from a fixed seed: the same cases on every run and machine, so CI is repeatable and a failure names the
/// case that broke (CsCheck's own <c>Sample</c> draws a new seed each run unless told otherwise).
/// </summary>
internal static class FixedSeed
{
    /// <summary>
    /// Runs <paramref name="check"/> on <paramref name="cases"/> values of <paramref name="gen"/> drawn from a fixed seed, so
    /// every run tries the same cases; a failure names the case number. Returns how many ran.
    /// </summary>
    public static int Run<T>(Gen<T> gen, int cases, ulong seed, Action<T> check, Func<T, string>? describe = null)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < cases; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try
            {
                check(value);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"case {i + 1} of {cases} (seed {seed}) failed: {describe?.Invoke(value) ?? value?.ToString()}\n{e.Message}");
            }
        }
        return cases;
    }
}
