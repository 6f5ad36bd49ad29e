using LandMap.Core.Gazetteer;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Gazetteer;

/// <summary>The shipped gazetteer (gis-data/gazetteer), loaded once for all tests of the class.</summary>
public sealed class ShippedGazetteerFixture
{
    public ShippedGazetteerFixture()
    {
        (Index, Load) = GazetteerIndex.LoadDirectory(ShippedGazetteerTests.Folder);
        Rules = Index is null ? null : new RelationRules(Index);
    }

    public GazetteerIndex? Index { get; }

    public GazetteerLoadResult Load { get; }

    /// <summary>The rules over the loaded index; null when the gazetteer does not load.</summary>
    public RelationRules? Rules { get; }
}

/// <summary>
/// Checks the shipped sketch gazetteer against the consistency facts its author recorded in
/// gis-data/gazetteer/relations.tsv, each row with the rule of its relation kind as gis-data/README.md
/// defines it (<see cref="RelationRules"/>). A failing row names the row and prints what was measured.
/// After importing authoritative layers, a failing row is information to report, not a rule to loosen.
/// </summary>
public sealed class ShippedGazetteerTests(ShippedGazetteerFixture shipped, ITestOutputHelper output) : IClassFixture<ShippedGazetteerFixture>
{
    internal static string Folder => Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer");

    private static IReadOnlyList<RelationRow> AllRows => RelationRow.ReadAll(Path.Combine(Folder, "relations.tsv"));

    public static TheoryData<RelationRow> Rows() => new(AllRows);

    private GazetteerIndex Index => shipped.Index ?? throw new InvalidOperationException("the shipped gazetteer does not load:\n" + shipped.Load);

    private RelationRules Rules => shipped.Rules ?? throw new InvalidOperationException("the shipped gazetteer does not load:\n" + shipped.Load);

    [Theory]
    [MemberData(nameof(Rows))]
    public void RelationHolds(RelationRow row)
    {
        var result = Rules.Check(row);
        output.WriteLine(result.Message);
        Assert.True(result.Pass, result.Message);
    }

    [Fact]
    public void LoadsWithoutProblems()
    {
        Assert.True(shipped.Load.IsSuccess, shipped.Load.ToString());
        Assert.Empty(shipped.Load.Problems);
        Assert.NotEmpty(Index.Features);
    }

    [Fact]
    public void EveryNameInRelationsResolves()
    {
        var problems = AllRows
            .SelectMany(row => row.Names().Select(n => (row, Rules.Resolve(n.Name, n.IsDistrict).Problem)))
            .Where(x => x.Problem is not null)
            .Select(x => $"{x.row}: {x.Problem}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryFeatureHasNameKindPrecisionAndSource()
    {
        var problems = Index.Features
            .Where(f => string.IsNullOrWhiteSpace(f.Name) || !Enum.IsDefined(f.Kind) || f.PrecisionM is not > 0 || string.IsNullOrWhiteSpace(f.Source))
            .Select(f => $"{f.File}: {f} precisionM={f.PrecisionM} source={f.Source}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryVillageAndCommunityLiesInItsDistrict()
    {
        var problems = new List<string>();
        foreach (var feature in Index.Features.Where(f => f.Kind is PlaceKind.Village or PlaceKind.Community))
        {
            var (district, problem) = Rules.Resolve(feature.District ?? "", district: true);
            if (district is null)
            {
                problems.Add($"{feature}: {problem}");
                continue;
            }

            var area = Rules.Local(district);
            var outside = Rules.Local(feature).Coordinates.Where(c => !area.Covers(new Point(c))).ToList();
            if (outside.Count > 0)
            {
                problems.Add($"{feature}: {outside.Count} vertex/vertices outside {feature.District}, up to {outside.Max(c => area.Distance(new Point(c))):0} m");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
