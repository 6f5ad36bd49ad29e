using System.Globalization;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

public abstract partial class StoreContractTests
{
    /// <summary>
    /// A nearest-parcel search in 北京市朝阳区 (116.45°E) ranks by distance in the origin's Gauss-Krüger zone, EPSG:4548
    /// (CM 117°E), and a saved outline's area is the EPSG:4548 area; references from GDAL's gdaltransform (PROJ).
    /// </summary>
    protected async Task CheckNearestAndAreaUseTheOriginsZone()
    {
        var store = await OpenAsync();
        await ImportSeedsAsync(store, TestEnvironment.SeedReports[0]);
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023, District = "卫东区" }))[0];
        (double Lon, double Lat)[] ring = [(116.4480, 39.9215), (116.4512, 39.9218), (116.4521, 39.9196), (116.4503, 39.9183), (116.4476, 39.9190)];
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var outline = factory.CreatePolygon([.. ring.Select(p => new Coordinate(p.Lon, p.Lat)), new Coordinate(ring[0].Lon, ring[0].Lat)]);
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, 1, outline, "reviewer-a", "朝阳区"))).Outcome);

        // About 2 km east-south-east of the outline: the 4547 distance would be ~1 m longer (k 1.0005 there).
        var origin = new Point(116.4750, 39.9150) { SRID = 4326 };
        var nearest = (await store.NearestParcelsAsync(origin, 1)).Single();
        Assert.Equal(parcel.Id, nearest.Parcel.Id);

        var inZone39 = Planar(4548, ring, origin);
        var inZone38 = Planar(4547, ring, origin);
        var expected = inZone39.Outline.Distance(inZone39.Origin);
        Assert.True(Math.Abs(inZone38.Outline.Distance(inZone38.Origin) - expected) > 0.5, "the zones should differ by more than the tolerance");
        Assert.Equal(expected, nearest.DistanceM, 0.01);

        var stored = (await store.GetParcelAsync(parcel.Id))!.Parcel.AreaMuComputed!.Value;
        Assert.Equal(1, stored / (inZone39.Outline.Area * 15 / 10_000), 1e-4);
    }

    // GDAL's transform of the outline and the origin to an EPSG code, as planar NTS geometries.
    private static (Polygon Outline, Point Origin) Planar(int epsg, (double Lon, double Lat)[] ring, Point origin)
    {
        var input = string.Concat(ring.Append((Lon: origin.X, Lat: origin.Y)).Select(p => FormattableString.Invariant($"{p.Lon} {p.Lat}\n")));
        var points = ExternalTools.Run("gdaltransform", ["-s_srs", "EPSG:4326", "-t_srs", $"EPSG:{epsg}", "-output_xy"], input)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray())
            .Select(f => new Coordinate(f[0], f[1]))
            .ToList();
        var factory = new GeometryFactory();
        return (factory.CreatePolygon([.. points.Take(ring.Length), points[0]]), factory.CreatePoint(points[^1]));
    }
}
