using LandMap.Core.Crs;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using OsmSharp;
using OsmSharp.Streams;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Reads OpenStreetMap XML (.osm) or PBF (.osm.pbf) with OsmSharp, always WGS 84. Kept: nodes tagged
/// place=village/hamlet (village) or place=neighbourhood (community); ways tagged highway=* (road),
/// railway=rail (railway), waterway=river (river) or waterway=canal (canal), assembled from their nodes.
/// The name is <c>name</c>, else <c>name:zh</c>; aliases are the other of the two, alt_name, old_name,
/// short_name and every other name:* (split on ';' as OSM does). Unnamed elements and relations are skipped.
/// A road way keeps its <c>highway</c>, <c>oneway</c>, <c>tunnel</c>, <c>bridge</c>, <c>layer</c> and <c>junction</c>
/// tags (<see cref="RoadWay"/>), so the geocoder can merge a road's ways and leave out its tunnels and slip roads.
/// </summary>
/// <remarks>
/// Node positions are held in memory to assemble ways: fine for a city extract, not for a country.
/// A way whose nodes are partly missing (a clipped extract) keeps its runs of present nodes as parts.
/// </remarks>
public sealed class OsmSource(bool pbf) : IGazetteerSource
{
    private static readonly string[] AliasKeys = ["alt_name", "old_name", "short_name", "official_name", "loc_name"];

    /// <inheritdoc />
    public string Format => pbf ? "osm-pbf" : "osm-xml";

    /// <inheritdoc />
    public CrsDefinition? DefaultCrs => KnownCrs.Wgs84;

    /// <inheritdoc />
    public SourceReadResult Read(string path, GazetteerImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        var problems = new ImportProblems(options.MaxProblems);
        var features = new List<SourceFeature>();
        var warnings = new List<string>();
        var factory = NtsGeometryServices.Instance.CreateGeometryFactory(4326);
        var positions = new Dictionary<long, Coordinate>();
        var ways = new List<(Way Way, PlaceKind Kind)>();
        var places = new List<(Node Node, PlaceKind Kind)>();
        var relations = 0;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > options.MaxFileBytes)
            {
                problems.FileProblem(ImportProblemCode.FileTooLarge, file, $"Over the {options.MaxFileBytes}-byte limit; cut a smaller extract (osmium extract).");
                return SourceReadResult.From(problems, features, warnings);
            }

            using OsmStreamSource source = pbf ? new PBFOsmStreamSource(stream) : new XmlOsmStreamSource(stream);
            var seen = 0L;
            foreach (var element in source)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (element)
                {
                    case Node { Id: { } id, Longitude: { } lon, Latitude: { } lat } node:
                        positions[id] = new Coordinate(lon, lat);
                        if (PlaceKindOf(node) is { } placeKind)
                        {
                            places.Add((node, placeKind));
                        }

                        break;
                    case Way way when WayKindOf(way) is { } wayKind:
                        ways.Add((way, wayKind));
                        break;
                    case Relation:
                        relations++;
                        break;
                }

                if (++seen % 100_000 == 0)
                {
                    progress?.Report(new ImportProgress("reading", stream.Position, stream.Length));
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // OsmSharp reports corrupt input with XmlException, InvalidOperationException, protobuf errors...
            problems.FileProblem(ImportProblemCode.ReadFailed, file, $"Cannot read the OSM data: {e.Message}");
            return SourceReadResult.From(problems, features, warnings);
        }

        var index = 0;
        foreach (var (node, kind) in places)
        {
            features.Add(Feature(file, index++, $"node/{node.Id}", factory.CreatePoint(positions[node.Id!.Value]), node, kind));
        }

        var clipped = 0;
        foreach (var (way, kind) in ways)
        {
            var (geometry, missing) = Assemble(way, positions, factory);
            clipped += missing ? 1 : 0;
            if (geometry is not null)
            {
                var feature = Feature(file, index++, $"way/{way.Id}", geometry, way, kind);
                features.Add(kind == PlaceKind.Road ? feature with { Ways = Tags(way, geometry.NumGeometries) } : feature);
            }
        }

        if (clipped > 0)
        {
            warnings.Add($"{file}: {clipped} way(s) reference nodes not in the file (a clipped extract); kept the parts that are present.");
        }

        if (relations > 0)
        {
            warnings.Add($"{file}: {relations} relation(s) ignored (multipolygon rivers, routes); their member ways are read when tagged.");
        }

        return SourceReadResult.From(problems, features, warnings);
    }

    private static SourceFeature Feature(string file, int index, string id, Geometry geometry, OsmGeo element, PlaceKind kind)
    {
        var tags = element.Tags!.ToDictionary(t => t.Key, t => (object?)t.Value, StringComparer.Ordinal);
        var name = NameOf(element)!;
        tags["name"] = name;
        var aliases = element.Tags!
            .Where(t => AliasKeys.Contains(t.Key) || t.Key.StartsWith("name:", StringComparison.Ordinal))
            .SelectMany(t => t.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(a => a != name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new SourceFeature(file, index, geometry, tags) { Id = id, Kind = kind, Aliases = aliases };
    }

    // The road tags the geocoder needs to tell the street from its tunnels, bridges and slip roads, once per line part.
    private static RoadWay[] Tags(Way way, int parts)
    {
        var tags = RoadWay.FromTags($"way/{way.Id}", key => way.Tags!.TryGetValue(key, out var value) ? value : null);
        return Enumerable.Repeat(tags, parts).ToArray();
    }

    private static PlaceKind? PlaceKindOf(Node node) =>
        NameOf(node) is null || node.Tags is null || !node.Tags.TryGetValue("place", out var place)
            ? null
            : place switch
            {
                "village" or "hamlet" => PlaceKind.Village,
                "neighbourhood" => PlaceKind.Community,
                _ => null,
            };

    private static PlaceKind? WayKindOf(Way way)
    {
        if (NameOf(way) is null || way.Tags is null)
        {
            return null;
        }

        if (way.Tags.ContainsKey("highway"))
        {
            return PlaceKind.Road;
        }

        if (way.Tags.Contains("railway", "rail"))
        {
            return PlaceKind.Railway;
        }

        return way.Tags.TryGetValue("waterway", out var water)
            ? water switch { "river" => PlaceKind.River, "canal" => PlaceKind.Canal, _ => null }
            : null;
    }

    private static string? NameOf(OsmGeo element)
    {
        if (element.Tags is null)
        {
            return null;
        }

        foreach (var key in (string[])["name", "name:zh"])
        {
            if (element.Tags.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    /// <summary>The way as a line (or the runs of present nodes as a multi-line); whether nodes were missing.</summary>
    private static (Geometry? Geometry, bool Missing) Assemble(Way way, Dictionary<long, Coordinate> positions, GeometryFactory factory)
    {
        var runs = new List<List<Coordinate>> { new() };
        var missing = false;
        foreach (var id in way.Nodes ?? [])
        {
            if (positions.TryGetValue(id, out var c))
            {
                runs[^1].Add(c.Copy());
            }
            else
            {
                missing = true;
                if (runs[^1].Count > 0)
                {
                    runs.Add([]);
                }
            }
        }

        var lines = runs.Where(r => r.Count >= 2).Select(r => factory.CreateLineString([.. r])).ToArray();
        Geometry? geometry = lines.Length switch
        {
            0 => null,
            1 => lines[0],
            _ => factory.CreateMultiLineString(lines),
        };
        return (geometry, missing);
    }
}
