using System.Buffers.Binary;
using System.Text;

namespace LandMap.Tiles.Vector.Mvt;

/// <summary>A growable byte buffer with the few protobuf encodings an MVT needs (varints, length-delimited fields, fixed 32/64).</summary>
internal sealed class ProtoBuffer(int capacity = 4096)
{
    private byte[] _bytes = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public byte[] ToArray() => Span.ToArray();

    /// <summary>A field key: field number and wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).</summary>
    public void Key(int field, int wireType) => Varint((uint)((field << 3) | wireType));

    public void Varint(ulong value)
    {
        Ensure(10);
        var bytes = _bytes;
        var i = Length;
        while (value >= 0x80)
        {
            bytes[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        bytes[i++] = (byte)value;
        Length = i;
    }

    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    public void Fixed64(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_bytes.AsSpan(Length), value);
        Length += 8;
    }

    public void Fixed32(float value)
    {
        Ensure(4);
        BinaryPrimitives.WriteSingleLittleEndian(_bytes.AsSpan(Length), value);
        Length += 4;
    }

    /// <summary>A length-delimited UTF-8 string field.</summary>
    public void String(int field, string value)
    {
        Key(field, 2);
        var size = Encoding.UTF8.GetByteCount(value);
        Varint((uint)size);
        Ensure(size);
        Length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(Length));
    }

    /// <summary>A length-delimited field holding <paramref name="payload"/>.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> payload)
    {
        Key(field, 2);
        Varint((uint)payload.Length);
        Raw(payload);
    }

    public void Raw(ReadOnlySpan<byte> payload)
    {
        Ensure(payload.Length);
        payload.CopyTo(_bytes.AsSpan(Length));
        Length += payload.Length;
    }

    /// <summary>A packed repeated uint32 field (tags, geometry commands).</summary>
    public void Packed(int field, ReadOnlySpan<uint> values)
    {
        if (values.IsEmpty) return;
        var size = 0;
        foreach (var v in values) size += VarintSize(v);
        Key(field, 2);
        Varint((uint)size);
        foreach (var v in values) Varint(v);
    }

    private void Ensure(int more)
    {
        if (Length + more <= _bytes.Length) return;
        Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + more));
    }
}
