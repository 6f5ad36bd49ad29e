using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;

namespace LandMap.Cli.Geocode;

/// <summary>The reports shipped in gis-data/reports, extracted and geocoded.</summary>
internal static class ShippedReports
{
    /// <summary>Geocodes every readable report in gis-data/reports with <paramref name="gazetteer"/>.</summary>
    public static IReadOnlyList<GeocodedEntry> Geocode(GazetteerIndex gazetteer)
    {
        if (DataPaths.Reports is not { } folder)
        {
            Console.Error.WriteLine($"landmap: warning: no gis-data/reports found (looked for {DataPaths.Searched}); no parcels drawn, pass --geojson FILE.");
            return [];
        }
        return new ParcelGeocoder(gazetteer).GeocodeAll(ReportFiles.Extract(Directory.GetFiles(folder).Order(), quiet: true).Reports);
    }
}
