using System.Globalization;
using LandMap.Data;
using NetTopologySuite.Geometries;

namespace LandMap.Cli.Tests.Conflicts;

/// <summary>
/// <c>landmap conflicts</c> over a store filled by <c>landmap import</c> and <c>landmap layer import</c> of a farmland
/// GeoJSON laid over the west half of a stored parcel.
/// </summary>
public sealed class ConflictsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-conflicts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ConflictsTableCsvAndXlsxShowTheFarmlandOverlap()
    {
        var db = Path.Combine(_folder, "landmap.db");
        var (imported, _, importErrors) = Landmap.Run("import", "gis-data/reports/001_187e19a5026d8d3e.txt", "--db", db);
        Assert.True(imported == 0, importErrors);
        ParcelRecord parcel;
        // A surveyed outline (0.002° square in 卫东区, WGS 84) saved as a reviewer would.
        var outline = new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(new Envelope(113.33, 113.332, 33.73, 33.732));
        await using (var store = await ParcelStoreFactory.OpenAsync(db))
        {
            parcel = (await store.QueryParcelsAsync(new ParcelQuery()))[0];
            Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, parcel.Version, outline, "li.wei"))).Outcome);
            parcel = parcel with { Geometry = outline };
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var e = parcel.Geometry!.EnvelopeInternal;
        string At(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"[{x:R}, {y:R}]");
        var geojson = Path.Combine(_folder, "yjjbnt.geojson");
        File.WriteAllText(geojson,
            $$$"""
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"JBNTTBBH": "JB-42"}, "geometry": {"type": "Polygon",
              "coordinates": [[{{{At(e.MinX - 1e-5, e.MinY - 1e-5)}}}, {{{At(e.Centre.X, e.MinY - 1e-5)}}}, {{{At(e.Centre.X, e.MaxY + 1e-5)}}},
                {{{At(e.MinX - 1e-5, e.MaxY + 1e-5)}}}, {{{At(e.MinX - 1e-5, e.MinY - 1e-5)}}}]]}}]}
            """);
        var (layerExit, _, layerErrors) = Landmap.Run("layer", "import", geojson, "--name", "永久基本农田", "--kind", "farmland", "--db", db);
        Assert.True(layerExit == 0, layerErrors);

        var (csvExit, csv, csvErrors) = Landmap.Run("conflicts", "--db", db, "--plan-year", parcel.PlanYear!.Value.ToString(CultureInfo.InvariantCulture), "--format", "csv");
        Assert.True(csvExit == 0, csvErrors);
        var line = Assert.Single(csv.Split("\r\n"), l => l.StartsWith(parcel.PublicId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains("永久基本农田", line);
        Assert.Contains("占用永久基本农田", line);
        Assert.Contains("JB-42", line);

        var (tableExit, table, _) = Landmap.Run("conflicts", "--db", db, "--format", "table");
        Assert.Equal(0, tableExit);
        Assert.Contains("检查的图层：永久基本农田（farmland）", table);

        var (noOut, _, noOutError) = Landmap.Run("conflicts", "--db", db, "--format", "xlsx");
        Assert.Equal(1, noOut);
        Assert.Contains("--out", noOutError);
        var xlsx = Path.Combine(_folder, "conflicts.xlsx");
        Assert.Equal(0, Landmap.Run("conflicts", "--db", db, "--format", "xlsx", "--out", xlsx).ExitCode);
        Assert.Equal([(byte)'P', (byte)'K'], File.ReadAllBytes(xlsx).Take(2));

        var (badKind, _, badKindError) = Landmap.Run("conflicts", "--db", db, "--kind", "planning");
        Assert.NotEqual(0, badKind);
        Assert.Contains("--kind", badKindError);
    }
}
