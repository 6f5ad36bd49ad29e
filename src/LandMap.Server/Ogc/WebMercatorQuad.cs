using System.Text.Json.Nodes;
using LandMap.Tiles.Vector;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Ogc;

/// <summary>
/// The one tile matrix set LandMap's vector tiles use: OGC 2D TileMatrixSet 2.0 <c>WebMercatorQuad</c> (EPSG:3857, 256 px
/// tiles, tile matrix z = zoom z, row = y from the north, column = x from the west), written out as the standard's
/// registry defines it (levels 0–24). LandMap serves levels 0–<see cref="TileAddress.MaxZoom"/>; a tileset says so with its
/// limits.
/// </summary>
internal static class WebMercatorQuad
{
    public const string Id = "WebMercatorQuad";
    public const string Uri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    public const string Crs = "http://www.opengis.net/def/crs/EPSG/0/3857";
    public const int DefinedLevels = 24;

    private const double HalfCircumference = 20037508.3427892;
    private const double Level0CellSize = 2 * Math.PI * 6378137 / 256;

    // The standard pixel of 0.28 mm: scale denominator = cell size / 0.00028 m.
    private const double PixelMetres = 0.00028;

    /// <summary>The TileMatrixSet 2.0 JSON document (what <c>/ogc/tileMatrixSets/WebMercatorQuad</c> serves).</summary>
    public static JsonObject Definition(JsonArray links)
    {
        var matrices = new JsonArray();
        for (var z = 0; z <= DefinedLevels; z++)
        {
            var cellSize = Level0CellSize / Math.Pow(2, z);
            matrices.Add(new JsonObject
            {
                ["id"] = z.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["scaleDenominator"] = cellSize / PixelMetres,
                ["cellSize"] = cellSize,
                ["cornerOfOrigin"] = "topLeft",
                ["pointOfOrigin"] = new JsonArray(-HalfCircumference, HalfCircumference),
                ["tileWidth"] = 256,
                ["tileHeight"] = 256,
                ["matrixWidth"] = 1L << z,
                ["matrixHeight"] = 1L << z,
            });
        }
        return new JsonObject
        {
            ["id"] = Id,
            ["title"] = "Google Maps Compatible for the World（Web 墨卡托，EPSG:3857）",
            ["uri"] = Uri,
            ["crs"] = Crs,
            ["orderedAxes"] = new JsonArray("X", "Y"),
            ["wellKnownScaleSet"] = "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
            ["tileMatrices"] = matrices,
            ["links"] = links,
        };
    }

    /// <summary>
    /// The tileMatrixSetLimits of data within <paramref name="crs84"/> (lon/lat) at levels <paramref name="minZoom"/> to
    /// <paramref name="maxZoom"/>: per level the rows and columns of the tiles it touches.
    /// </summary>
    public static IReadOnlyList<Limits> LimitsOf(Envelope crs84, int minZoom, int maxZoom)
    {
        // Web Mercator stops at ±85.05°; a box beyond is clamped to the pyramid by TileAddress.At.
        var list = new List<Limits>();
        for (var z = minZoom; z <= maxZoom; z++)
        {
            var nw = TileAddress.At(crs84.MinX, crs84.MaxY, z);
            var se = TileAddress.At(crs84.MaxX, crs84.MinY, z);
            list.Add(new Limits(z, nw.Y, se.Y, nw.X, se.X));
        }
        return list;
    }

    /// <summary>One level's limits: the rows (y) and columns (x) holding data.</summary>
    public sealed record Limits(int TileMatrix, int MinTileRow, int MaxTileRow, int MinTileCol, int MaxTileCol)
    {
        public bool Contains(int row, int col) => row >= MinTileRow && row <= MaxTileRow && col >= MinTileCol && col <= MaxTileCol;

        public JsonObject ToJson() => new()
        {
            ["tileMatrix"] = TileMatrix.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["minTileRow"] = MinTileRow, ["maxTileRow"] = MaxTileRow, ["minTileCol"] = MinTileCol, ["maxTileCol"] = MaxTileCol,
        };
    }
}
