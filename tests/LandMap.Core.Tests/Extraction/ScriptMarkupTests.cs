using CsCheck;
using LandMap.Core.Extraction;

namespace LandMap.Core.Tests.Extraction;

public sealed class ScriptMarkupTests
{
    [Theory]
    // As the shipped 湛河区 reports print them (003, 001, 004).
    [InlineData("细微颗粒物（PM _{2.5} ）年均浓度", "细微颗粒物（PM2.5）年均浓度")]
    [InlineData("可吸入颗粒物（PM ₁₀ ）年均浓度", "可吸入颗粒物（PM10）年均浓度")]
    [InlineData("细颗粒物(PM _{2.5})年均浓度", "细颗粒物(PM2.5)年均浓度")]
    [InlineData("PM_{2.5}、PM₁₀、优良天数", "PM2.5、PM10、优良天数")]
    [InlineData("万m^{3}", "万m³")]
    [InlineData("CO_{2}排放 t·a^{-1}", "CO2排放 t·a-1")]
    public void ScriptsAreWrittenOnTheLine(string printed, string expected) =>
        Assert.Equal(expected, ScriptMarkup.Flatten(printed));

    [Fact]
    public void IndicatorNamesAndUnitsAreFlattenedButTheSourceLineStaysAsPrinted()
    {
        var line = "9. 细微颗粒物（PM _{2.5} ）年均浓度\t微克/m^{3}\t46\t46\t完成市定目标";
        var rows = IndicatorTableParser.Parse(["指标名称\t单位\t2022年完成\t2023年计划\t2023年目标", line]);

        Assert.Equal(("细微颗粒物（PM2.5）年均浓度", "微克/m³"), (rows[0].Name, rows[0].Unit));
        Assert.Equal(line, rows[0].Source.Text);
    }

    // Text without script markup comes back unchanged (names of any report, not only the samples).
    [Fact]
    public void TextWithoutScriptsIsUnchanged() =>
        Gen.String[Gen.Char[" 0123456789.（）()PMm颗粒物_^{}"], 0, 30]
            .Where(s => !s.Contains("_{") && !s.Contains("^{"))
            .Sample(s => Assert.Equal(s, ScriptMarkup.Flatten(s)));

    // Flattening is idempotent and leaves no markup or script digit behind.
    [Fact]
    public void FlatteningIsIdempotentAndRemovesAllMarkup() =>
        Gen.OneOf(Gen.Const("_{2.5}"), Gen.Const("^{3}"), Gen.Const("₁₀"), Gen.Const(" "), Gen.Const("PM"), Gen.Const("（"),
            Gen.Const("）"), Gen.Const("浓度"), Gen.Const("m"), Gen.Const("_{ 10 }")).Array[0, 12].Select(string.Concat)
            .Sample(s =>
            {
                var flat = ScriptMarkup.Flatten(s);
                Assert.DoesNotContain("_{", flat);
                Assert.DoesNotContain("^{", flat);
                Assert.DoesNotMatch("[₀-₉]", flat);
                Assert.Equal(flat, ScriptMarkup.Flatten(flat));
            });
}
