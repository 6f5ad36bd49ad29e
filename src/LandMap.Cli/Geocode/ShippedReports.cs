using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;

namespace LandMap.Cli.Geocode;

/// <summary>The reports shipped in gis-data/reports, extracted and geocoded.</summary>
internal static class ShippedReports
{
    /// <summary>Geocodes every readable report in gis-data/reports with <paramref name="gazetteer"/>.</summary>
    public static IReadOnlyList<GeocodedEntry> Geocode(GazetteerIndex gazetteer) =>
        new ParcelGeocoder(gazetteer).GeocodeAll(ReportFiles.Extract(Directory.GetFiles(DataPaths.Reports).Order(), quiet: true).Reports);
}
