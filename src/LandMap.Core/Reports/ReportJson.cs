using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LandMap.Core.Reports;

/// <summary>
/// The JSON form of extracted reports, shared by the CLI and the server so both print the same contract:
/// camelCase names, kebab-case stages (topped-out), Chinese printed as is, nulls kept (areaMu: null).
/// </summary>
public static class ReportJson
{
    /// <summary>Serializer options for the report contract.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>The <c>{"reports": [...]}</c> document for <paramref name="reports"/>.</summary>
    public static string Serialize(IReadOnlyList<ExtractedReport> reports) =>
        JsonSerializer.Serialize(new ReportsDocument(reports), Options);

    /// <summary>Reads a <c>{"reports": [...]}</c> document.</summary>
    public static IReadOnlyList<ExtractedReport> Deserialize(string json) =>
        JsonSerializer.Deserialize<ReportsDocument>(json, Options)?.Reports ?? [];

    private sealed record ReportsDocument(IReadOnlyList<ExtractedReport> Reports);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Reviewers read this output: keep 卫东区 rather than \u536B\u4E1C\u533A.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
