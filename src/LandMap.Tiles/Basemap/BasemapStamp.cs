using System.Security.Cryptography;
using System.Text;
using LandMap.Core.Gazetteer;
using NetTopologySuite.IO;

namespace LandMap.Tiles.Basemap;

/// <summary>
/// Which gazetteer a basemap was built from: a SHA-256 over every feature's name, kind, district and geometry, kept in
/// the MBTiles metadata as <see cref="MetadataKey"/>. A basemap whose stamp is not the gazetteer's is stale — built from
/// an older gazetteer (the GCJ-02 sketch before its conversion to WGS 84 was ~600 m off the parcels) — and is rebuilt.
/// </summary>
public static class BasemapStamp
{
    /// <summary>The MBTiles metadata name.</summary>
    public const string MetadataKey = "gazetteer_sha256";

    /// <summary>The stamp of <paramref name="gazetteer"/>.</summary>
    public static string Of(GazetteerIndex gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var wkb = new WKBWriter();
        foreach (var f in gazetteer.Features)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{f.Name}\u001f{f.Kind}\u001f{f.District}\u001f"));
            hash.AppendData(wkb.Write(f.Geometry));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether the basemap with <paramref name="metadata"/> was built from <paramref name="gazetteer"/>.</summary>
    public static bool IsBuiltFrom(IReadOnlyDictionary<string, string> metadata, GazetteerIndex gazetteer) =>
        metadata.TryGetValue(MetadataKey, out var stamp) && stamp == Of(gazetteer);
}
