using LandMap.Core.Crs;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Data.Export;

/// <summary>Parcels as an RFC 7946 FeatureCollection (WGS 84 lon/lat, or GCJ-02/BD-09 with a datum property) through NetTopologySuite.IO.GeoJSON4STJ.</summary>
internal static class GeoJsonExport
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static ExportResult Write(IReadOnlyList<ParcelRecord> parcels, string path, OutputDatum datum = OutputDatum.Wgs84)
    {
        var collection = new FeatureCollection();
        foreach (var p in parcels) collection.Add(new Feature(p.Geometry, Attributes(p, datum)));
        using (var stream = File.Create(path)) JsonSerializer.Serialize(stream, collection, Options);
        var unresolved = parcels.Count(p => p.Geometry is null);
        return new ExportResult(parcels.Count, [path], unresolved > 0 ? [$"{unresolved} unresolved parcels have a null geometry"] : []);
    }

    /// <summary>The parcel's columns, plus <c>datum</c> (GCJ-02, BD-09) when its coordinates are not WGS 84: RFC 7946 has no crs member.</summary>
    internal static AttributesTable Attributes(ParcelRecord p, OutputDatum datum = OutputDatum.Wgs84)
    {
        var table = new AttributesTable();
        var values = ParcelColumns.Values(p);
        for (var i = 0; i < values.Length; i++) table.Add(ParcelColumns.Names[i], values[i]);
        if (datum != OutputDatum.Wgs84) table.Add("datum", datum.Name());
        return table;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)));
        return options;
    }
}
