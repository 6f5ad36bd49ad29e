namespace LandMap.Data;

/// <summary>
/// A store that builds a parcel vector tile itself (PostGIS: <c>ST_AsMVT</c> over <c>ST_AsMVTGeom</c>), so the rows
/// never leave the database. Tile sources use it when the store offers it and encode with NetTopologySuite otherwise;
/// both write the same layer, feature ids (public ids) and attributes.
/// </summary>
public interface IParcelTileEncoder
{
    /// <summary>The uncompressed MVT of the parcels <paramref name="request"/> selects; empty (length 0) when none.</summary>
    Task<byte[]> EncodeParcelTileAsync(ParcelTileRequest request, CancellationToken cancellationToken = default);
}

/// <summary>One parcel tile to encode in the store.</summary>
/// <param name="Z">Zoom of the tile (XYZ scheme, y down, Web Mercator).</param>
/// <param name="X">Column.</param>
/// <param name="Y">Row.</param>
/// <param name="Filter">Which parcels: its bounding box is the tile's clip box in WGS 84; limit, offset and sort are ignored.</param>
/// <param name="LayerName">The MVT layer's name.</param>
/// <param name="BufferUnits">Extent units (of 4096) kept around the tile when clipping.</param>
/// <param name="MinPolygonAreaPixels">Polygons whose whole area is below this many square pixels (256 px tile) are left out.</param>
/// <param name="MaxBytes">The largest tile: over it, the smallest polygons are left out until it fits.</param>
public sealed record ParcelTileRequest(int Z, int X, int Y, ParcelQuery Filter, string LayerName, int BufferUnits, double MinPolygonAreaPixels, int MaxBytes);
