using CsCheck;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;

namespace LandMap.Core.Tests.Gazetteer;

/// <summary>
/// The official 村/社区 lists shipped with the gazetteer (gis-data/gazetteer/divisions, 统计用区划代码 2016): registered
/// names read as reports write them, homonyms told apart by district, and a report's village that its district's list
/// lacks warned about — with where the lists do have it.
/// </summary>
public sealed class VillageRegistryTests
{

    private static readonly Lazy<GazetteerIndex> Gazetteer = new(() =>
    {
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(ShippedGazetteerCopy.Shipped);
        Assert.True(load.IsSuccess, string.Join("\n", load.Problems));
        return gazetteer!;
    });

    [Theory]
    [InlineData("焦庄村村民委员会", "焦庄村")]
    [InlineData("焦庄村委会", "焦庄村")]
    [InlineData("申楼村村委会", "申楼村")]
    [InlineData("东苑社区居委会", "东苑社区")]
    [InlineData("东苑社区居民委员会", "东苑社区")]
    [InlineData("建设路居委会", "建设路社区")]
    [InlineData("花园社区委员会", "花园社区")]
    [InlineData("大营村", "大营村")]
    public void RegisteredNamesReadAsReportsWriteThem(string registered, string written) =>
        Assert.Equal(written, VillageRegistry.ShortName(registered));

    [Fact]
    public void AnOfficeSuffixOnAnyNameComesOffWhole()
    {
        // A stem ending in 村 is left out: 申楼村 + 村委会 is the office of 申楼村 (the registry's own form), not of 申楼村村.
        Gen.Select(Gen.Char['\u4e00', '\u9fa5'].Array[1, 4].Where(stem => stem[^1] != '村'),
                Gen.OneOf("村村民委员会", "村民委员会", "村委会", "社区居委会", "社区居民委员会"))
            .Sample((stem, office) =>
            {
                var name = new string(stem);
                var expected = office.StartsWith('社') ? name + "社区" : name + "村";
                Assert.Equal(expected, VillageRegistry.ShortName(name + office));
            }, iter: 500, seed: "0h5hTbXkzYz0");
    }

    [Fact]
    public void TheShippedListsHoldPingdingshansDistrictsAndTheirHomonyms()
    {
        var villages = Gazetteer.Value.Villages;

        Assert.Contains("卫东区", villages.Districts);
        Assert.Contains("湛河区", villages.Districts);
        Assert.Equal(10, villages.Districts.Count);
        var jiaozhuang = villages.Find("焦庄村");
        Assert.Contains(jiaozhuang, v => v is { Code: "410403009212", District: "卫东区", Town: "申楼街道", Registered: "焦庄村村民委员会" });
        Assert.Contains(jiaozhuang, v => v is { Code: "410411200229", District: "湛河区", Town: "曹镇乡" });
        // Every registered name reads as a report would write it, or the check would warn about a listed village.
        Assert.All(villages.All, v => Assert.True(VillageRegistry.IsVillageName(v.Name), $"{v.Code} {v.Registered} → {v.Name}"));
        Assert.True(villages.All.Count() > 2000);
    }

    [Theory]
    [InlineData("卫东区", "焦庄村", null)]
    [InlineData("湛河区", "焦庄村", null)]
    [InlineData("卫东区", "平安大道", null)]
    [InlineData("舞钢市", "不存在村", "不在舞钢市的村/社区名录中")]
    [InlineData("卫东区", "南焦庄村", "名录中叶县辛店镇有南焦庄村")]
    [InlineData("卫东区", "大营社区", "名录有“大营村”")]
    [InlineData("朝阳区", "不存在村", null)]
    public void AVillageIsCheckedAgainstItsDistrictsList(string district, string place, string? warning)
    {
        var said = Gazetteer.Value.Villages.Check(district, place);

        if (warning is null) Assert.Null(said);
        else Assert.Contains(warning, said);
    }

    [Fact]
    public void AnEntryNamingAnotherDistrictsVillageIsPlacedAndWarnedAbout()
    {
        var geocoder = new ParcelGeocoder(Gazetteer.Value);

        var foreign = geocoder.GeocodeText("位于平安大道北侧南焦庄村，面积约 5.2 亩", "卫东区");
        var own = geocoder.GeocodeText("位于平安大道北侧蒲城村，面积约 5.9 亩", "卫东区");

        Assert.Contains(foreign.Warnings, w => w.Contains("“南焦庄村”不在卫东区的村/社区名录中") && w.Contains("叶县"));
        Assert.DoesNotContain(own.Warnings, w => w.Contains("名录"));
    }

    [Fact]
    public void ABrokenListIsAProblemNamingTheFileAndLine()
    {
        using var copy = ShippedGazetteerCopy.WithWeidongList(
            "code,parent,name,level", "410403000000,410400000000,卫东区,county", "4104030092,x,焦庄村委会,village");

        var (gazetteer, load) = GazetteerIndex.LoadDirectory(copy.Path);

        Assert.Null(gazetteer);
        Assert.Contains(load.Problems, p => p.Message.Contains("410403.csv line 3"));
    }
}
