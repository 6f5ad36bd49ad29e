using LandMap.Benchmarks.City;
using LandMap.Data;
using LandMap.Data.Layers;
using LandMap.Tiles.Sources;
using LandMap.Tiles.Vector;
using NetTopologySuite.Features;
using Npgsql;

namespace LandMap.Benchmarks.Layers;

/// <summary>
/// <c>layers tiles --pg CONNECTION --name NAME [--tiles N]</c>: z14 tiles of an imported layer in a PostGIS store, from
/// LandMap's <see cref="LayerTileSource"/> and from plain <c>ST_AsMVT</c> on the same <c>layer_features</c> table in the
/// same run (the City <see cref="TileBench"/> pattern: one unmeasured pass, contenders take turns going first), and
/// LandMap's parts alone: the store's read, the encoding with and without attributes.
/// </summary>
internal static class LayerTileBench
{
    /// <summary>The layer's features meeting the tile plus its 64-unit buffer, with their attributes, as one MVT layer.</summary>
    private const string StAsMvtSql =
        """
        SELECT ST_AsMVT(t, @name, 4096, 'geom') FROM (
          SELECT f.feature_key AS key, f.attributes AS props,
                 ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_TileEnvelope(@z, @x, @y), 4096, 64, true) AS geom
          FROM layer_features f JOIN layers l ON l.id = f.layer_id AND l.name = @name
          WHERE f.geom && ST_Transform(ST_TileEnvelope(@z, @x, @y, margin => 64.0 / 4096), 4326)
        ) t WHERE geom IS NOT NULL
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (Arg("--pg") is not { } pg || Arg("--name") is not { } name) { Console.Error.WriteLine("usage: layers tiles --pg CONNECTION --name NAME [--tiles N]"); return 2; }
        var count = int.Parse(Arg("--tiles") ?? "30");
        await using var store = await ParcelStoreFactory.OpenAsync(pg);
        var layer = (await ILayerStore.Of(store).ListLayersAsync()).Single(l => l.Name == name);
        var extent = layer.Extent ?? throw new InvalidOperationException($"layer {name} has no extent");
        var random = new Random(7);
        var tiles = Enumerable.Range(0, count * 3)
            .Select(_ => TileAddress.At(extent.MinX + random.NextDouble() * extent.Width, extent.MinY + random.NextDouble() * extent.Height, 14))
            .Distinct().Take(count).ToList();
        var source = new LayerTileSource(store, layer);
        var encoder = new MvtEncoder(MvtEncoderOptions.Default);
        var read = new Dictionary<TileAddress, IReadOnlyList<StoredLayerFeature>>();
        async Task<IReadOnlyList<StoredLayerFeature>> Read(TileAddress tile) => read.TryGetValue(tile, out var f) ? f
            : read[tile] = (await ILayerStore.Of(store).QueryLayerTileFeaturesAsync(name, MvtEncoder.ClipEnvelope(tile, MvtEncoderOptions.Default), 0, LayerTileSource.MaxFeatures))!;
        // As the source encodes: the attributes straight from the stored JSON, or none.
        byte[] Encode(TileAddress tile, IReadOnlyList<StoredLayerFeature> features, bool withAttributes) => encoder.EncodeTile(tile,
            [new TileLayer(name, features.Select(f => withAttributes ? new JsonAttributesFeature(f.Geometry, f.AttributesJson) : (IFeature)new Feature(f.Geometry, new AttributesTable())).ToList())]).Bytes;
        await using var postgis = NpgsqlDataSource.Create(pg);
        var contenders = new List<TileContender>
        {
            new("LandMap", async tile => (await source.GetTileAsync(tile, default)).Data),
            // The store's read alone (same box, area floor and limit as the source, no MVT encoding): where LandMap's time goes.
            new("LandMap store read", async tile =>
            {
                var box = MvtEncoder.ClipEnvelope(tile, MvtEncoderOptions.Default);
                // Area floor 0: at z14 the source's floor (one MVT unit², ~0.4 m²) drops none of these polygons either.
                _ = await ILayerStore.Of(store).QueryLayerTileFeaturesAsync(name, box, 0, LayerTileSource.MaxFeatures);
                return [];
            }),
            // The .NET side alone, on features read in the unmeasured pass: MVT encoding with and without the attributes.
            new("encode + attributes", async tile => Encode(tile, await Read(tile), withAttributes: true)),
            new("encode, no attributes", async tile => Encode(tile, await Read(tile), withAttributes: false)),
            new("plain ST_AsMVT", async tile =>
            {
                await using var command = postgis.CreateCommand(StAsMvtSql);
                command.Parameters.AddWithValue("name", name);
                command.Parameters.AddWithValue("z", tile.Z);
                command.Parameters.AddWithValue("x", tile.X);
                command.Parameters.AddWithValue("y", tile.Y);
                return await command.ExecuteScalarAsync() as byte[] ?? [];
            }),
        };
        Console.WriteLine($"layer {name}: {layer.FeatureCount:N0} features; {tiles.Count} z14 tiles drawn at random over its extent");
        await TileBench.RunAsync(contenders, tiles);
        return 0;
    }
}
