using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Precision;

namespace LandMap.Server.Parcels;

/// <summary>
/// Geometries as RFC 7946 JSON nodes. DTOs carry a node rather than an NTS <see cref="Geometry"/> so the
/// OpenAPI generator does not walk NTS's object graph (factories, envelopes).
/// </summary>
internal static class GeoJsonGeometry
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <summary>1e-7° is about 1 cm: more digits only make the response longer.</summary>
    private static readonly PrecisionModel Centimetre = new(1e7);

    public static JsonNode? ToNode(Geometry? geometry) =>
        geometry is null ? null : JsonSerializer.SerializeToNode(GeometryPrecisionReducer.Reduce(geometry, Centimetre), Options);
}
