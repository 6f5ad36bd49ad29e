using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Problems;

/// <summary>Collects bad query parameters by name, for one 400 validation problem that names them all.</summary>
public sealed class QueryErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string parameter, string message)
    {
        if (!_errors.TryGetValue(parameter, out var list)) _errors[parameter] = list = [];
        list.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>The 400 problem (application/problem+json) naming each bad parameter.</summary>
    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(ToDictionary(), detail: "Bad query parameters: " + string.Join(", ", _errors.Keys), title: "查询参数无效");
}
