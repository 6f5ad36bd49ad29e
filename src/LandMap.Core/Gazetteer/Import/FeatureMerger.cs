using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Merges the records of one import that share (name, kind, district) into one feature, as the loader
/// rejects repeats within a file and roads come in segments: lines into a MultiLineString, points into a
/// MultiPoint, polygons dissolved with a unary union (each part is already valid, so this is a dissolve, not
/// a repair). A single-part Multi* (every Shapefile polyline) is unwrapped. A road's ways keep their OSM tags part
/// by part (<see cref="GazetteerFeature.Ways"/>). Records of different geometry
/// dimensions under one key are a conflict for the user to resolve.
/// </summary>
internal static class FeatureMerger
{
    public static List<GazetteerFeature> Merge(IReadOnlyList<(SourceFeature Source, GazetteerFeature Feature)> records, GazetteerImportOptions options, ImportProblems problems)
    {
        var result = new List<GazetteerFeature>();
        foreach (var group in records.GroupBy(r => r.Feature.Key))
        {
            var members = group.ToList();
            var first = members[0];
            var mixed = members.Select(m => m.Feature.Geometry.Dimension).Distinct().Count() > 1
                || (members.Count > 1 && members.Any(m => m.Feature.Geometry.OgcGeometryType == OgcGeometryType.GeometryCollection));
            if (mixed)
            {
                var which = string.Join(", ", members.Select(m => $"{m.Source.Index} ({m.Feature.Geometry.GeometryType})"));
                problems.Add(ImportProblemCode.MergeConflict, first.Source.Where, first.Source.Index, first.Source.Id, null,
                    $"Features {which} are all {first.Feature} but mix points, lines and areas; give them different kinds or names.");
                continue;
            }

            var geometry = members.Count == 1 ? Unwrap(first.Feature.Geometry) : Combine(members.Select(m => m.Feature.Geometry).ToList());
            if (geometry.NumPoints > options.MaxVerticesPerFeature)
            {
                problems.Add(ImportProblemCode.TooManyVertices, first.Source.Where, first.Source.Index, first.Source.Id, null,
                    $"{first.Feature} merged from {members.Count} records has {geometry.NumPoints} vertices, over {options.MaxVerticesPerFeature}; simplify it or split it by district.");
                continue;
            }

            var aliases = members.SelectMany(m => m.Feature.Aliases).Distinct(StringComparer.Ordinal).ToList();
            result.Add(first.Feature with { Geometry = geometry, Aliases = aliases, Ways = Ways(members.Select(m => m.Feature).ToList()) });
        }

        return result;
    }

    // A road's ways keep their tags part by part, in the order Combine puts the parts; lost when any member has none.
    private static List<RoadWay>? Ways(List<GazetteerFeature> members) =>
        members.All(m => m.Ways is { } w && w.Count == m.Geometry.NumGeometries) ? members.SelectMany(m => m.Ways!).ToList() : null;

    private static Geometry Combine(List<Geometry> parts)
    {
        var factory = parts[0].Factory;
        var atoms = parts.SelectMany(Atoms).ToArray();
        return parts[0].Dimension switch
        {
            Dimension.Point => factory.CreateMultiPoint(atoms.Cast<Point>().ToArray()),
            Dimension.Curve => factory.CreateMultiLineString(atoms.Cast<LineString>().ToArray()),
            _ => Unwrap(UnaryUnionOp.Union(atoms)),
        };
    }

    private static IEnumerable<Geometry> Atoms(Geometry g) => Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN);

    private static Geometry Unwrap(Geometry g) => g is GeometryCollection { NumGeometries: 1 } ? g.GetGeometryN(0) : g;
}
