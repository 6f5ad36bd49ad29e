using System.IO.Compression;
using System.Text.Json;
using LandMap.Core.Crs;
using LandMap.Core.Layers;
using LandMap.Core.Layers.Sources;
using LandMap.Data.Layers;

namespace LandMap.Data.Tests.Layers;

/// <summary>
/// Layer files written by GDAL's ogr2ogr, read by LandMap's readers into a real store: counts, Chinese attributes, areas
/// within 0.1% of GDAL's own in the GK zone, replacement counts, and failures that leave the previous version.
/// </summary>
public abstract class LayerFileImportTests : IAsyncLifetime
{
    private const int Count = 35;
    private readonly string _folder = TestEnvironment.TempFolder();
    private IParcelStore? _store;

    protected abstract Task<string> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await ParcelStoreFactory.OpenAsync(await CreateDatabaseAsync());

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        await DropDatabaseAsync();
    }

    private ILayerStore Layers => ILayerStore.Of(_store!);

    private async Task<(LayerImportResult Result, LayerReading Reading)> ImportAsync(string path, string name, LayerReadOptions options)
    {
        var reading = LayerReader.Open(path, options);
        Assert.True(reading.IsOpen, string.Join("\n", reading.Problems));
        using (reading)
        {
            var import = new LayerImport(name, options.Kind, reading.SourceFile, reading.Crs!.Label, "-", "tester")
            {
                DeclaredFields = reading.Fields, Encoding = reading.Encoding, AreaCrsOnceRead = () => reading.AreaCrs,
            };
            return (await Layers.ImportLayerAsync(import, reading.Features()), reading);
        }
    }

    private async Task<List<(string Key, JsonElement Attributes, double Area, NetTopologySuite.Geometries.Geometry Geometry)>> FeaturesAsync(string name) =>
        (await Layers.QueryLayerFeaturesAsync(name, null, 1000, 0))!
            .Select(f => (f.Key, JsonDocument.Parse(f.AttributesJson).RootElement.Clone(), f.AreaM2, f.Geometry)).ToList();

    private static void AssertWithinPermille(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= expected * 0.001, $"area {actual:0.###} m² is not within 0.1% of GDAL's {expected:0.###} m²");

    protected async Task CheckGbkShapefileWithAndWithoutCpgInZone38WithPrefix()
    {
        var source = OgrFiles.WriteSource(_folder, Count);
        var shp = Path.Combine(_folder, "dltb.shp");
        // EPSG:4526 is CGCS2000 / 3-degree Gauss-Kruger zone 38: eastings of 38 4xx xxx, the zone in front.
        OgrFiles.Ogr2Ogr("-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4526", "-lco", "ENCODING=CP936", shp, source);
        Assert.True(File.Exists(Path.ChangeExtension(shp, ".cpg")));

        var (first, reading) = await ImportAsync(shp, "三调", new LayerReadOptions { Kind = LayerKind.LandSurvey });
        Assert.Equal((Count, 0L, (long)Count), (first.Features, first.Repaired, first.Added));
        Assert.Equal("EPSG:4526", reading.Crs!.Label);
        Assert.Equal("EPSG:4547", reading.AreaCrs);
        var features = await FeaturesAsync("三调");
        Assert.Equal(OgrFiles.Classes, features.Take(5).Select(f => f.Attributes.GetProperty("DLMC").GetString()));
        Assert.Equal("410403000000", features[0].Key);
        AssertWithinPermille(OgrFiles.GdalArea(shp, "dltb", "EPSG:4526", 4547), features.Sum(f => f.Area));
        var layer = Assert.Single(await Layers.ListLayersAsync());
        Assert.Equal(("DLMC", "地类名称"), (layer.Fields[2].Name, layer.Fields[2].Label));

        // Without the .cpg the rule falls back to GBK, as ArcGIS writes it on Chinese Windows: the same text, nothing changed.
        File.Delete(Path.ChangeExtension(shp, ".cpg"));
        var (second, again) = await ImportAsync(shp, "三调", new LayerReadOptions { Kind = LayerKind.LandSurvey });
        Assert.StartsWith("gbk", again.Encoding, StringComparison.Ordinal);
        Assert.Equal((true, 0L, 0L, 0L), (second.Replaced, second.Added, second.Removed, second.Changed));
        Assert.Equal(OgrFiles.Classes, (await FeaturesAsync("三调")).Take(5).Select(f => f.Attributes.GetProperty("DLMC").GetString()));
    }

    protected async Task CheckGeoPackageAndZippedShapefileWithoutPrefix()
    {
        var source = OgrFiles.WriteSource(_folder, Count);
        var gpkg = Path.Combine(_folder, "yjjbnt.gpkg");
        OgrFiles.Ogr2Ogr("-f", "GPKG", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547", "-nln", "YJJBNTTB", gpkg, source);
        var (fromGpkg, _) = await ImportAsync(gpkg, "永久基本农田", new LayerReadOptions { Kind = LayerKind.Farmland });
        Assert.Equal(Count, fromGpkg.Features);
        AssertWithinPermille(OgrFiles.GdalArea(gpkg, "YJJBNTTB", "EPSG:4547", 4547), (await FeaturesAsync("永久基本农田")).Sum(f => f.Area));
        // No JBNTTBBH field: the key falls back to the GeoPackage fid.
        Assert.Equal("fid:1", (await FeaturesAsync("永久基本农田"))[0].Key);

        var shpFolder = Directory.CreateDirectory(Path.Combine(_folder, "zipped")).FullName;
        // GDAL's default DBF encoding (ISO-8859-1) cannot hold Chinese: write UTF-8, which GDAL declares in a .cpg.
        OgrFiles.Ogr2Ogr("-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547", "-lco", "ENCODING=UTF-8", Path.Combine(shpFolder, "DLTB.shp"), source);
        var zip = Path.Combine(_folder, "dltb.zip");
        ZipFile.CreateFromDirectory(shpFolder, zip);
        var (fromZip, reading) = await ImportAsync(zip, "三调", new LayerReadOptions { Kind = LayerKind.LandSurvey });
        Assert.Equal(Count, fromZip.Features);
        Assert.Equal("dltb.zip/DLTB.shp", reading.SourceFile);
        Assert.Equal("城镇住宅用地", (await FeaturesAsync("三调"))[2].Attributes.GetProperty("DLMC").GetString());
        AssertWithinPermille(OgrFiles.GdalArea(Path.Combine(shpFolder, "DLTB.shp"), "DLTB", "EPSG:4547", 4547), (await FeaturesAsync("三调")).Sum(f => f.Area));
    }

    protected async Task CheckFileGeodatabaseComesInThroughOgr2Ogr()
    {
        // A File Geodatabase as GDAL (OpenFileGDB) writes it, the format ArcGIS keeps 三调 in: read through ogr2ogr.
        var source = OgrFiles.WriteSource(_folder, Count);
        var gdb = Path.Combine(_folder, "sandiao.gdb");
        OgrFiles.Ogr2Ogr("-f", "OpenFileGDB", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547", "-nln", "DLTB", gdb, source);
        Assert.True(Directory.Exists(gdb));

        var (result, reading) = await ImportAsync(gdb, "三调GDB", new LayerReadOptions { Kind = LayerKind.LandSurvey });

        Assert.Equal((Count, 0L), (result.Features, result.Repaired));
        Assert.Equal("EPSG:4547", reading.Crs!.Label);
        var features = await FeaturesAsync("三调GDB");
        Assert.Equal(OgrFiles.Classes, features.Take(5).Select(f => f.Attributes.GetProperty("DLMC").GetString()));
        AssertWithinPermille(OgrFiles.GdalArea(gdb, "DLTB", "EPSG:4547", 4547), features.Sum(f => f.Area));
    }

    protected async Task CheckXian80NeedsTheBureausParameters()
    {
        const string towgs84 = "24.5,-123.4,-94.2,0.02,-0.25,-0.13,1.1";
        var source = OgrFiles.WriteSource(_folder, Count);
        var shp = Path.Combine(_folder, "xian80.shp");
        // Xi'an 1980 / 3-degree GK zone 38 with the bureau's (here invented) parameters, which PROJ applies as position vector.
        OgrFiles.Ogr2Ogr("-f", "ESRI Shapefile", "-s_srs", "EPSG:4326",
            "-t_srs", $"+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +a=6378140 +rf=298.257 +towgs84={towgs84} +units=m +no_defs", shp, source);

        var refused = LayerReader.Open(shp, new LayerReadOptions { Kind = LayerKind.LandSurvey });
        Assert.True(refused.IsOpen, string.Join("\n", refused.Problems));
        var e = Assert.Throws<LayerReadException>(() => refused.Features().ToList());
        Assert.Equal(Core.Gazetteer.Import.ImportProblemCode.NeedsDatumShift, e.Problem.Code);
        Assert.Contains("--towgs84", e.Message, StringComparison.Ordinal);
        refused.Dispose();

        var values = towgs84.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var shift = new DatumShift(GeodeticDatum.Xian1980, values[0], values[1], values[2], values[3], values[4], values[5], values[6], RotationConvention.PositionVector);
        var (result, reading) = await ImportAsync(shp, "西安80", new LayerReadOptions { Kind = LayerKind.LandSurvey, DatumShifts = [shift] });
        Assert.Equal(Count, result.Features);
        Assert.Equal("EPSG:2362", reading.Crs!.Label);
        var features = await FeaturesAsync("西安80");
        // Back where the WGS 84 source had it: the shift is applied, not swapped for an ellipsoid change (which moves ~100 m).
        var first = features[0].Geometry.Coordinates[0];
        Assert.True(Math.Abs(first.X - OgrFiles.Ring(0)[0].Lon) < 2e-6 && Math.Abs(first.Y - OgrFiles.Ring(0)[0].Lat) < 2e-6, $"{first} is not at {OgrFiles.Ring(0)[0]}");
        AssertWithinPermille(OgrFiles.GdalArea(source, "src", "EPSG:4326", 4547), features.Sum(f => f.Area));
    }

    protected async Task CheckGcj02ComesBackToWgs84()
    {
        var wgs84 = OgrFiles.WriteSource(_folder, Count);
        var gcj = OgrFiles.WriteSource(_folder, Count, OgrFiles.ToGcj02, "gcj.geojson");
        var shp = Path.Combine(_folder, "amap.shp");
        OgrFiles.Ogr2Ogr("-f", "ESRI Shapefile", "-a_srs", "EPSG:4326", shp, gcj);
        var (result, reading) = await ImportAsync(shp, "高德", new LayerReadOptions { Kind = LayerKind.Other, Crs = SourceCrs.Parse("GCJ02").Value });
        Assert.Equal(Count, result.Features);
        Assert.Equal("GCJ02", reading.Crs!.Label);
        var features = await FeaturesAsync("高德");
        var first = features[0].Geometry.Coordinates[0];
        Assert.True(Math.Abs(first.X - OgrFiles.Ring(0)[0].Lon) < 1e-7 && Math.Abs(first.Y - OgrFiles.Ring(0)[0].Lat) < 1e-7, $"{first} is not at {OgrFiles.Ring(0)[0]}");
        Assert.Equal("fid:0", features[0].Key);
        AssertWithinPermille(OgrFiles.GdalArea(wgs84, "src", "EPSG:4326", 4547), features.Sum(f => f.Area));
    }

    // What the layer tiles and the feature pages read: counts by box, and the largest features first above an area floor.
    protected async Task CheckTileQueriesTakeTheLargestAboveTheFloorAndCountByBox()
    {
        var source = OgrFiles.WriteSource(_folder, Count);
        await ImportAsync(source, "瓦片", new LayerReadOptions { Kind = LayerKind.LandSurvey });
        var all = await FeaturesAsync("瓦片");
        var world = new NetTopologySuite.Geometries.Envelope(-180, 180, -90, 90);
        Assert.Equal(Count, await Layers.CountLayerFeaturesAsync("瓦片", null));
        var first = all[0].Geometry.EnvelopeInternal;
        var inFirst = all.Count(f => f.Geometry.EnvelopeInternal.Intersects(first));
        Assert.Equal(inFirst, await Layers.CountLayerFeaturesAsync("瓦片", first));
        Assert.True(inFirst < Count);

        var largest = (await Layers.QueryLayerTileFeaturesAsync("瓦片", world, 0, 5))!;
        Assert.Equal(all.Select(f => f.Area).OrderDescending().Take(5), largest.Select(f => f.AreaM2));
        var floor = all.Select(f => f.Area).Order().ElementAt(Count / 2);
        var above = (await Layers.QueryLayerTileFeaturesAsync("瓦片", world, floor, 1000))!;
        Assert.Equal(all.Count(f => f.Area >= floor), above.Count);
        Assert.All(above, f => Assert.True(f.AreaM2 >= floor));
        Assert.Equal(inFirst, (await Layers.QueryLayerTileFeaturesAsync("瓦片", first, 0, 1000))!.Count);

        Assert.Null(await Layers.CountLayerFeaturesAsync("无此图层", null));
        Assert.Null(await Layers.QueryLayerTileFeaturesAsync("无此图层", world, 0, 10));
    }

    protected async Task CheckTruncatedFilesLeaveThePreviousVersion()
    {
        var source = OgrFiles.WriteSource(_folder, Count);
        var (first, _) = await ImportAsync(source, "图层", new LayerReadOptions { Kind = LayerKind.LandSurvey });
        Assert.Equal(Count, first.Features);

        // A GeoJSON cut in the middle of a feature: the first features stream into the transaction, then the file breaks off.
        var cut = Path.Combine(_folder, "cut.geojson");
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        var reading = LayerReader.Open(cut, new LayerReadOptions { Kind = LayerKind.LandSurvey });
        var import = new LayerImport("图层", LayerKind.LandSurvey, "cut.geojson", "EPSG:4326", "-", "tester");
        var e = await Assert.ThrowsAsync<LayerReadException>(() => Layers.ImportLayerAsync(import, reading.Features()));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.True(reading.Read > 5, $"only {reading.Read} features were read before the cut");

        // A .shp cut midway is refused before any feature.
        var shp = Path.Combine(_folder, "cut.shp");
        OgrFiles.Ogr2Ogr("-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547", shp, source);
        var shpBytes = File.ReadAllBytes(shp);
        File.WriteAllBytes(shp, shpBytes[..(shpBytes.Length / 2)]);
        var refused = LayerReader.Open(shp, new LayerReadOptions());
        Assert.False(refused.IsOpen);
        Assert.Contains("truncated", Assert.Single(refused.Problems).Message, StringComparison.Ordinal);

        var layer = Assert.Single(await Layers.ListLayersAsync());
        Assert.Equal((Count, "src.geojson"), ((int)layer.FeatureCount, layer.SourceFile));
        Assert.Equal(Count, (await Layers.QueryLayerFeaturesAsync("图层", null, 1000, 0))!.Count);
    }

    protected async Task CheckInvalidPolygonsAreRepairedAndCounted()
    {
        var path = Path.Combine(_folder, "bowtie.geojson");
        File.WriteAllText(path, """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"BSM":"1"},"geometry":{"type":"Polygon","coordinates":[[[113.30,33.70],[113.31,33.71],[113.31,33.70],[113.30,33.71],[113.30,33.70]]]}},
             {"type":"Feature","properties":{"BSM":"2"},"geometry":{"type":"Polygon","coordinates":[[[113.30,33.70],[113.31,33.70]]]}},
             {"type":"Feature","properties":{"BSM":"3"},"geometry":{"type":"Polygon","coordinates":[[[113.32,33.70],[113.33,33.70],[113.33,33.71],[113.32,33.71],[113.32,33.70]]]}}
            ]}
            """);
        var (result, reading) = await ImportAsync(path, "修复", new LayerReadOptions { Kind = LayerKind.LandSurvey });
        Assert.Equal((2L, 1L), (result.Features, result.Repaired));
        var problem = Assert.Single(reading.Problems);
        Assert.Equal((1, "bowtie.geojson"), (problem.FeatureIndex, problem.File));
        var bowtie = (await FeaturesAsync("修复"))[0];
        // GeometryFixer keeps both halves of the bow-tie (Buffer(0) would keep one): half of the full square each.
        var square = (await FeaturesAsync("修复"))[1].Area;
        Assert.True(Math.Abs(bowtie.Area - square / 2) < square * 0.01, $"bow-tie {bowtie.Area} vs square {square}");
    }
}

public sealed class SqliteLayerFileImportTests : LayerFileImportTests
{
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(Path.Combine(TestEnvironment.TempFolder(), "layers.db"));

    [OgrFact] public Task GbkShapefileWithAndWithoutCpgInZone38WithPrefix() => CheckGbkShapefileWithAndWithoutCpgInZone38WithPrefix();
    [OgrFact] public Task GeoPackageAndZippedShapefileWithoutPrefix() => CheckGeoPackageAndZippedShapefileWithoutPrefix();
    [OgrFact] public Task FileGeodatabaseComesInThroughOgr2Ogr() => CheckFileGeodatabaseComesInThroughOgr2Ogr();
    [OgrFact] public Task Xian80NeedsTheBureausParameters() => CheckXian80NeedsTheBureausParameters();
    [OgrFact] public Task Gcj02ComesBackToWgs84() => CheckGcj02ComesBackToWgs84();
    [OgrFact] public Task TruncatedFilesLeaveThePreviousVersion() => CheckTruncatedFilesLeaveThePreviousVersion();
    [Fact] public Task InvalidPolygonsAreRepairedAndCounted() => CheckInvalidPolygonsAreRepairedAndCounted();
    [Fact] public Task TileQueriesTakeTheLargestAboveTheFloorAndCountByBox() => CheckTileQueriesTakeTheLargestAboveTheFloorAndCountByBox();
}

[Trait("Category", "Postgis")]
public sealed class PostgisLayerFileImportTests : LayerFileImportTests
{
    private readonly string _schema = "landmap_test_" + Guid.NewGuid().ToString("N")[..12];
    private bool _created;

    protected override async Task<string> CreateDatabaseAsync()
    {
        if (TestPostgis.ConnectionString is null && !TestPostgis.IsCi) return Path.Combine(TestEnvironment.TempFolder(), "skipped.db");
        _created = true;
        return await TestPostgis.CreateSchemaAsync(_schema);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_created) await TestPostgis.DropSchemaAsync(_schema);
    }

    [PostgisFact] public Task GbkShapefileWithAndWithoutCpgInZone38WithPrefix() => CheckGbkShapefileWithAndWithoutCpgInZone38WithPrefix();
    [PostgisFact] public Task GeoPackageAndZippedShapefileWithoutPrefix() => CheckGeoPackageAndZippedShapefileWithoutPrefix();
    [PostgisFact] public Task Xian80NeedsTheBureausParameters() => CheckXian80NeedsTheBureausParameters();
    [PostgisFact] public Task Gcj02ComesBackToWgs84() => CheckGcj02ComesBackToWgs84();
    [PostgisFact] public Task TruncatedFilesLeaveThePreviousVersion() => CheckTruncatedFilesLeaveThePreviousVersion();
    [PostgisFact] public Task InvalidPolygonsAreRepairedAndCounted() => CheckInvalidPolygonsAreRepairedAndCounted();
    [PostgisFact] public Task TileQueriesTakeTheLargestAboveTheFloorAndCountByBox() => CheckTileQueriesTakeTheLargestAboveTheFloorAndCountByBox();
}
