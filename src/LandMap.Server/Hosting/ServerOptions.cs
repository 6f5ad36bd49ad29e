using System.ComponentModel.DataAnnotations;

namespace LandMap.Server.Hosting;

/// <summary>
/// Settings of the map server (configuration section <c>LandMap</c>; <c>--port</c> on the command line).
/// The defaults find gis-data/ and tiles/ of the checkout the server runs in, so no argument is needed.
/// </summary>
public sealed class ServerOptions : IValidatableObject
{
    public const string Section = "LandMap";

    /// <summary>Loopback port; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5180;

    /// <summary>
    /// The store: an SQLite file path (default data/landmap.db, created and filled from the reports on first start)
    /// or a PostgreSQL connection string ("Host=…;Database=…") for a shared PostGIS deployment.
    /// </summary>
    [Required]
    public string Database { get; set; } = Path.Combine(RepositoryPaths.Data, "landmap.db");

    /// <summary>The gazetteer folder (GeoJSON layers): the geocoder's reference and the basemap's content.</summary>
    public string GazetteerDirectory { get; set; } = Path.Combine(RepositoryPaths.GisData, "gazetteer");

    /// <summary>The report files imported into an empty store at start-up.</summary>
    public string ReportsDirectory { get; set; } = Path.Combine(RepositoryPaths.GisData, "reports");

    /// <summary>Holds basemap.mbtiles (built at start when missing) and style.json.</summary>
    public string TilesDirectory { get; set; } = RepositoryPaths.Tiles;

    /// <summary>The bundled page (index.html, app.js, app.css), copied beside the server by the build.</summary>
    public string WebRoot { get; set; } = Path.Combine(AppContext.BaseDirectory, "webroot");

    /// <summary>
    /// Megabytes of tiles kept in memory (built parcel tiles and read basemap tiles, plain and gzip); 0 keeps none. Bounded
    /// in bytes, not tiles: a low-zoom tile over a city is a hundred times a street's.
    /// </summary>
    [Range(0, 16_384)]
    public int TileCacheMegabytes { get; set; } = 64;

    public string BasemapPath => Path.Combine(TilesDirectory, "basemap.mbtiles");

    public string StylePath => Path.Combine(TilesDirectory, "style.json");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Directory.Exists(GazetteerDirectory))
            yield return new ValidationResult($"Gazetteer folder {GazetteerDirectory} not found: run from the LandMap checkout or set LandMap:GazetteerDirectory.");
        if (!Directory.Exists(ReportsDirectory))
            yield return new ValidationResult($"Reports folder {ReportsDirectory} not found: run from the LandMap checkout or set LandMap:ReportsDirectory.");
        if (!File.Exists(StylePath))
            yield return new ValidationResult($"Map style {StylePath} not found: set LandMap:TilesDirectory to the tiles/ folder of the checkout.");
    }
}
