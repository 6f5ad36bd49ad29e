using CsCheck;
using LandMap.Core.Geocoding;

namespace LandMap.Core.Tests.Geocoding;

public sealed class OutlineConfidenceTests
{
    private static ConstraintResult Check(bool satisfied) => new("corner", "平安大道与八矿路交叉口", "交叉口东南角", satisfied);

    [Fact]
    public void AnOutlineThatPassesEveryCheckAtTheStatedAreaIsCertain()
    {
        Assert.Equal(1, OutlineConfidence.Of([Check(true), Check(true)], 70.5, 70));
        Assert.Equal(1, OutlineConfidence.Of([], null, null));
    }

    [Fact]
    public void TheReportedCaseOf101MuDrawnFor70WithAFailedCornerIsFarFromCertain()
    {
        // The reviewer's save from the issue: the corner check failed and the outline is 44 % larger than stated.
        var confidence = OutlineConfidence.Of([Check(false), Check(true)], 101, 70);
        Assert.InRange(confidence, 0.4, 0.6);
    }

    [Fact]
    public void FailedChecksAndAreaGapsNeverRaiseConfidence()
    {
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 6], Gen.Double[0.5, 500], Gen.Double[0, 3]).Sample((passed, failed, stated, gap) =>
        {
            var checks = Enumerable.Repeat(Check(true), passed).Concat(Enumerable.Repeat(Check(false), failed)).ToList();
            var confidence = OutlineConfidence.Of(checks, stated * (1 + gap), stated);
            Assert.InRange(confidence, 0, 1);
            // One more failed check, or a wider gap to the stated area (larger or smaller), lowers it or leaves it.
            Assert.True(OutlineConfidence.Of([.. checks, Check(false)], stated * (1 + gap), stated) <= confidence);
            Assert.True(OutlineConfidence.Of(checks, stated * (1 + gap + 0.25), stated) <= confidence);
            Assert.True(OutlineConfidence.Of(checks, stated * Math.Max(0, 1 - gap - 0.25), stated) <= OutlineConfidence.Of(checks, stated * (1 - Math.Min(gap, 1)), stated));
        });
    }
}
