using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Registry;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Gazetteer;

public sealed class DistrictRegistryTests
{
    [Fact]
    public void TheShippedFolderOutlinesPingdingshansTenDistricts()
    {
        var outlined = ShippedGazetteer.Index.Districts.WithOutline.ToList();

        Assert.Equal(10, outlined.Count);
        Assert.All(outlined, d => Assert.Equal("平顶山市", d.City));
        Assert.Equal(410403, ShippedGazetteer.Index.Districts.ByName("卫东区")!.Code);
    }

    [Theory]
    [InlineData(113.33, 33.73, true)] // 卫东区
    [InlineData(112.2, 34.1, true)] // just west of 汝州市, inside the 0.5° margin
    [InlineData(116.45, 39.92, false)] // 北京市朝阳区
    [InlineData(33.73, 113.33, false)] // lon/lat swapped
    public void NearnessIsJudgedByTheRegisteredOutlines(double lon, double lat, bool near)
    {
        Assert.Equal(near, ShippedGazetteer.Index.Districts.IsNearADistrict(new Envelope(lon, lon + 0.001, lat, lat + 0.001)));
    }

    [Fact]
    public void AMalformedRegistryNamesFileLineAndField()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            DistrictRegistryFile.Read(new StringReader("code,name,city,province\n410403,卫东区,平顶山市,河南省\n41040X,湛河区,平顶山市,河南省\n"), "registry.csv"));

        Assert.Contains("registry.csv: line 3", error.Message);
        Assert.Contains("code", error.Message);
    }

    [Fact]
    public void WrittenRegistryReadsBackTheSame()
    {
        var text = DistrictRegistryFile.Write(DistrictRegistry.Shipped.All);

        Assert.Equal(DistrictRegistry.Shipped.All, DistrictRegistryFile.Read(new StringReader(text), "x"));
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer", "registry.csv")), text);
    }
}
