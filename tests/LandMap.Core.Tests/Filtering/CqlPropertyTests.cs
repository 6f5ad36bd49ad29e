using LandMap.Tests.Shared;
using CsCheck;
using LandMap.Core.Filtering;
using LandMap.Tests.Shared.Cql;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Filtering;

/// <summary>Properties of the parser over random filters and random text, from fixed seeds (the same cases every run).</summary>
public sealed class CqlPropertyTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, CqlType> Schema = new(CqlParserTests.Schema) { ["名称"] = CqlType.String, ["AND"] = CqlType.Integer };

    // Text with what needs quoting or escaping: quotes, LIKE's wildcards and escape, Chinese, a character outside the BMP.
    private static readonly Gen<string> Text = Gen.String[Gen.Char["ab Z'\"%_\\卫东区物流\t"], 0, 8]
        .SelectMany(s => Gen.Bool.Select(emoji => emoji ? s + "𠀀" : s));

    private static readonly CqlDomain Domain = new(Schema,
        (_, type) => type == CqlType.String
            ? Text.Select(s => (object)s)
            : Gen.OneOf(Gen.Int[-5000, 5000].Select(i => (double)i), Gen.Double[-1e9, 1e9], Gen.OneOf(0.1, 1e20, -2.5e-8, 2023.0)).Select(d => (object)d),
        Text,
        CqlGenerators.PointOrBox(new Envelope(-180, 170, -90, 80)));

    [Fact]
    public void PrintedFiltersParseBackToTheSameTree()
    {
        var cases = FixedSeed.Run(CqlGenerators.Filter(Domain, depth: 5), 3000, seed: 20240914, filter =>
        {
            var text = CqlWriter.ToText(filter);
            var parsed = CqlParser.Parse(text, Schema);
            Assert.True(parsed.Succeeded, $"{text}: {parsed.Error}");
            Assert.Equal(filter, parsed.Expression);
        }, CqlWriter.ToText);
        output.WriteLine($"{cases} random filters printed and parsed back");
    }

    [Fact]
    public void RandomTextNeverThrowsAndEveryErrorPointsIntoTheText()
    {
        // Fragments of CQL2 in random order, plus raw characters: mostly refused, sometimes valid, never an exception.
        var fragment = Gen.OneOf(
            Gen.OneOf("planYear", "name", "geometry", "\"land use\"", "owner", "=", "<>", "<=", ">", "(", ")", ",", "'", "''", "\"", "AND", "OR", "NOT",
                "LIKE", "BETWEEN", "IN", "IS", "NULL", "S_INTERSECTS", "BBOX", "POINT", "POLYGON", "GEOMETRYCOLLECTION", "EMPTY", "2023", "-1.5e3",
                "1e999", "'卫东区'", "%", "\\", ";", "--", "DATE", "TRUE", " "),
            Gen.Char.Select(c => c.ToString()));
        var text = fragment.Array[0, 40].Select(parts => string.Join(" ", parts));
        var valid = 0;
        var cases = FixedSeed.Run(text, 20_000, seed: 7, t =>
        {
            var result = CqlParser.Parse(t, Schema);
            if (result.Succeeded) valid++;
            else Assert.InRange(result.Error!.Position, 0, t.Length);
        });
        output.WriteLine($"{cases} random texts parsed without an exception; {valid} were valid filters");
    }

    [Fact]
    public void MutatedFiltersNeverThrow()
    {
        var mutated = Gen.Select(CqlGenerators.Filter(Domain, depth: 3), Gen.Int[0, 1000], Gen.Int[1, 5], Gen.Char)
            .Select((filter, at, length, c) =>
            {
                var text = CqlWriter.ToText(filter);
                var start = at % (text.Length + 1);
                return text[..start] + c + text[Math.Min(text.Length, start + length)..];
            });
        var cases = FixedSeed.Run(mutated, 10_000, seed: 99, t =>
        {
            var result = CqlParser.Parse(t, Schema);
            Assert.True(result.Succeeded || result.Error!.Position <= t.Length);
        });
        output.WriteLine($"{cases} mutated filters parsed without an exception");
    }
}
