using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;

namespace LandMap.Cli.Geocode;

/// <summary>The reports shipped in gis-data/reports, extracted and geocoded.</summary>
internal static class ShippedReports
{
    /// <summary>Geocodes every readable report in gis-data/reports with <paramref name="gazetteer"/>.</summary>
    public static IReadOnlyList<GeocodedEntry> Geocode(GazetteerIndex gazetteer)
    {
        var reports = Directory.GetFiles(DataPaths.Reports).Order()
            .Select(ReportFileReader.Read)
            .Where(r => r.Succeeded)
            .Select(r => ReportExtractor.Extract(r.Text!))
            .ToList();
        return new ParcelGeocoder(gazetteer).GeocodeAll(reports);
    }
}
