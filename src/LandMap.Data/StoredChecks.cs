using System.Text.Json;
using LandMap.Core.Geocoding;

namespace LandMap.Data;

/// <summary>Reads the checks stored with a geometry version (its constraints and warnings columns).</summary>
public static class StoredChecks
{
    private static readonly JsonSerializerOptions StoredJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>A version's constraint checks (its constraints column).</summary>
    public static List<ConstraintResult> Constraints(string json) => JsonSerializer.Deserialize<List<ConstraintResult>>(json, StoredJson) ?? [];

    /// <summary>A version's warnings (its warnings column).</summary>
    public static List<string> Warnings(string json) => JsonSerializer.Deserialize<List<string>>(json, StoredJson) ?? [];
}
