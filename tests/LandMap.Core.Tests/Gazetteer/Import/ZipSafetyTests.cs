using System.Buffers.Binary;
using System.IO.Compression;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;

namespace LandMap.Core.Tests.Gazetteer.Import;

public sealed class ZipSafetyTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EntryWithAbsurdCompressionRatioIsRejected()
    {
        // 20 MB of zeros deflate to ~20 KB: a ratio near 1000, far over the cap of 200.
        var zip = WriteZip("bomb.zip", ("roads.shp", new byte[20_000_000]), ("roads.dbf", new byte[100]));

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Read(zip);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.UnsafeArchive, problem.Code);
        Assert.Contains("zip bomb", problem.Message);
    }

    [Fact]
    public void EntryDeclaringAHugeSizeIsRejectedBeforeDecompression()
    {
        var zip = WriteZip("huge.zip", ("roads.shp", new byte[1000]), ("roads.dbf", new byte[100]));
        DeclareSize(zip, "roads.shp", 3_000_000_000u);

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Read(zip);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.UnsafeArchive, problem.Code);
        Assert.Contains("declare more than", problem.Message);
    }

    [Fact]
    public void EntryNamedWithDotDotIsRejectedAndNothingIsWrittenOutside()
    {
        var zip = WriteZip("evil.zip", ("../evil.shp", new byte[100]), ("roads.shp", new byte[100]));

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Import(zip);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.UnsafeArchive, problem.Code);
        Assert.Contains("../evil.shp", problem.Message);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_folder.Path)!, "evil.shp")));
        Assert.False(Directory.Exists(_folder.Gazetteer));
    }

    [Fact]
    public void TooManyEntriesAreRejected()
    {
        var entries = Enumerable.Range(0, 20).Select(i => ($"f{i}.txt", new byte[1])).ToArray();
        var zip = WriteZip("many.zip", entries);

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road) with { MaxArchiveEntries = 10 }).Read(zip);

        Assert.Equal(ImportProblemCode.UnsafeArchive, Assert.Single(result.Problems).Code);
    }

    private string WriteZip(string name, params (string Entry, byte[] Content)[] entries)
    {
        var path = _folder.File(name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, content) in entries)
        {
            using var stream = archive.CreateEntry(entryName, CompressionLevel.Optimal).Open();
            stream.Write(content);
        }

        return path;
    }

    /// <summary>Overwrites the uncompressed size of an entry in its local header and the central directory.</summary>
    private static void DeclareSize(string zip, string entryName, uint size)
    {
        var bytes = File.ReadAllBytes(zip);
        var name = System.Text.Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            var (sizeAt, nameAt) = signature switch
            {
                0x04034b50 => (22, 30), // local file header
                0x02014b50 => (24, 46), // central directory header
                _ => (-1, -1),
            };
            if (sizeAt > 0 && bytes.AsSpan(i + nameAt).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + sizeAt), size);
            }
        }

        File.WriteAllBytes(zip, bytes);
    }
}
