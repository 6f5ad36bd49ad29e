namespace LandMap.Data.Sql;

/// <summary>
/// Schema version 11: parcels placed on the GCJ-02 sketch move to WGS 84. Until this version the shipped gazetteer was
/// GCJ-02 (高德-derived district outlines, the sketch drawn over them) while the store labelled it WGS 84, so every parcel
/// geocoded on it — and every reviewer's correction, drawn over a basemap built from it — is GCJ-02 in fact. The
/// backfill (<see cref="SqlParcelStore.ConvertParcelsFromGcj02Async"/>) converts every geometry version of every parcel
/// and the store's copy of the gazetteer, rechecks conflicts and moves the change counter on so tile caches drop. The
/// bureau's layers are not touched: they were read from the bureau's files in their declared CRS.
/// </summary>
internal static class DatumSchema
{
    private const string Description = "parcel geometries from GCJ-02 (the sketch gazetteer's datum) to WGS 84";

    public static readonly Migration Sqlite = new(11, Description, [], (store, c, t, ct) => store.ConvertParcelsFromGcj02Async(c, t, ct));

    public static readonly Migration Postgis = new(11, Description, [], (store, c, t, ct) => store.ConvertParcelsFromGcj02Async(c, t, ct));
}
