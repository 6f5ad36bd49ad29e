using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Data.Export;

/// <summary>Parcels as an RFC 7946 FeatureCollection (WGS 84 lon/lat) through NetTopologySuite.IO.GeoJSON4STJ.</summary>
internal static class GeoJsonExport
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static ExportResult Write(IReadOnlyList<ParcelRecord> parcels, string path)
    {
        var collection = new FeatureCollection();
        foreach (var p in parcels) collection.Add(new Feature(p.Geometry, Attributes(p)));
        using (var stream = File.Create(path)) JsonSerializer.Serialize(stream, collection, Options);
        var unresolved = parcels.Count(p => p.Geometry is null);
        return new ExportResult(parcels.Count, [path], unresolved > 0 ? [$"{unresolved} unresolved parcels have a null geometry"] : []);
    }

    internal static AttributesTable Attributes(ParcelRecord p)
    {
        var table = new AttributesTable();
        var values = ParcelColumns.Values(p);
        for (var i = 0; i < values.Length; i++) table.Add(ParcelColumns.Names[i], values[i]);
        return table;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)));
        return options;
    }
}
