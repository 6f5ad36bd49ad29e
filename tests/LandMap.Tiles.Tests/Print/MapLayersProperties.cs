using CsCheck;
using LandMap.Tiles.Print;

namespace LandMap.Tiles.Tests.Print;

public sealed class MapLayersProperties
{
    private static readonly Gen<string> Name = Gen.Int[0, 3].Select(i => MapLayerNames.Names[i]);

    [Fact]
    public void AnyListOfKnownNamesInAnyCaseAndSpacingGivesTheirUnion()
    {
        Gen.Select(Name.Array[1, 6], Gen.Bool.Array[6], Gen.OneOf(Gen.Const(""), Gen.Const(" "), Gen.Const("  "))).Sample((names, upper, pad) =>
        {
            var text = string.Join(",", names.Select((n, i) => pad + (upper[i] ? n.ToUpperInvariant() : n) + pad));

            var (layers, error) = MapLayerNames.Parse(text);

            Assert.Null(error);
            var expected = names.Aggregate(MapLayers.None, (all, n) => all | (MapLayers)(1 << MapLayerNames.Names.ToList().IndexOf(n)));
            Assert.Equal(expected, layers);
        });
    }

    [Fact]
    public void AnUnknownNameIsRefusedAndNamed()
    {
        Gen.Select(Name.Array[0, 3], Gen.String[Gen.Char['a', 'z'], 1, 12]).Where((_, bad) => !MapLayerNames.Names.Contains(bad)).Sample((known, bad) =>
        {
            var (layers, error) = MapLayerNames.Parse(string.Join(",", known.Append(bad)));

            Assert.Null(layers);
            Assert.Contains($"'{bad}'", error);
            Assert.Contains("basemap, parcels, labels, projects", error);
        });
    }

    [Fact]
    public void NoLayersParameterShowsEverything() => Assert.Equal(MapLayers.All, MapLayerNames.Parse(null).Layers);

    [Fact]
    public void ScaleTextIsWithinFivePercentOfTheScale()
    {
        Gen.Double[100, 5_000_000].Sample(denominator =>
        {
            var text = ThematicMapLayout.ScaleText(denominator);

            Assert.StartsWith("约 1:", text);
            var shown = double.Parse(text["约 1:".Length..].Replace(" ", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(shown / denominator, 0.95, 1.05);
        });
    }
}
