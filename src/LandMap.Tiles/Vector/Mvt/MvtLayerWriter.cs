namespace LandMap.Tiles.Vector.Mvt;

/// <summary>
/// Writes one MVT layer (spec 2.1): features as they come, and the layer's key and value tables, each key and each
/// distinct value stored once. Values keep the MVT type they are given (string, int64, uint64, double, float, bool).
/// Lookups take spans, so a name or text read from JSON allocates a string only the first time the tile meets it.
/// </summary>
internal sealed class MvtLayerWriter
{
    private readonly Dictionary<string, uint> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> _keysBySpan;
    private readonly Dictionary<string, uint> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> _stringsBySpan;
    private readonly Dictionary<long, uint> _ints = [];
    private readonly Dictionary<ulong, uint> _uints = [];
    private readonly Dictionary<long, uint> _doubles = []; // by bit pattern, so -0.0 and 0.0 stay apart
    private readonly Dictionary<int, uint> _floats = [];
    private readonly uint?[] _bools = new uint?[2];
    private readonly ProtoBuffer _values = new(1024);
    private readonly ProtoBuffer _keyTable = new(256);
    private readonly ProtoBuffer _features = new(16 * 1024);
    private uint _valueCount;

    public MvtLayerWriter()
    {
        _keysBySpan = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        _stringsBySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int FeatureCount { get; private set; }

    public uint Key(ReadOnlySpan<char> name)
    {
        if (_keysBySpan.TryGetValue(name, out var index)) return index;
        var key = name.ToString();
        index = (uint)_keys.Count;
        _keys.Add(key, index);
        _keyTable.String(3, key);
        return index;
    }

    public uint Key(string name)
    {
        if (_keys.TryGetValue(name, out var index)) return index;
        index = (uint)_keys.Count;
        _keys.Add(name, index);
        _keyTable.String(3, name);
        return index;
    }

    public uint String(ReadOnlySpan<char> value)
    {
        if (_stringsBySpan.TryGetValue(value, out var index)) return index;
        var text = value.ToString();
        _strings.Add(text, index = _valueCount);
        WriteValue(1, 2, text: text);
        return index;
    }

    public uint String(string value)
    {
        if (_strings.TryGetValue(value, out var index)) return index;
        _strings.Add(value, index = _valueCount);
        WriteValue(1, 2, text: value);
        return index;
    }

    public uint Int(long value)
    {
        if (_ints.TryGetValue(value, out var index)) return index;
        _ints.Add(value, index = _valueCount);
        WriteValue(4, 0, varint: (ulong)value);
        return index;
    }

    public uint UInt(ulong value)
    {
        if (_uints.TryGetValue(value, out var index)) return index;
        _uints.Add(value, index = _valueCount);
        WriteValue(5, 0, varint: value);
        return index;
    }

    public uint Double(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (_doubles.TryGetValue(bits, out var index)) return index;
        _doubles.Add(bits, index = _valueCount);
        WriteValue(3, 1, real: value);
        return index;
    }

    public uint Float(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        if (_floats.TryGetValue(bits, out var index)) return index;
        _floats.Add(bits, index = _valueCount);
        WriteValue(2, 5, real: value);
        return index;
    }

    public uint Bool(bool value)
    {
        var slot = value ? 1 : 0;
        if (_bools[slot] is { } index) return index;
        index = _valueCount;
        _bools[slot] = index;
        WriteValue(7, 0, varint: value ? 1UL : 0UL);
        return index;
    }

    /// <summary>One feature: its id (none when null or 0), tags (key, value index pairs), geometry type and commands.</summary>
    public void Feature(ulong? id, ReadOnlySpan<uint> tags, MvtGeometryType type, ReadOnlySpan<uint> geometry)
    {
        // 0 is the field's default: written or not, a reader sees 0; NetTopologySuite's writer left it out.
        if (id == 0) id = null;
        var size = 0;
        if (id is { } value) size += 1 + ProtoBuffer.VarintSize(value);
        size += PackedSize(tags) + 2 + PackedSize(geometry);
        _features.Key(2, 2);
        _features.Varint((uint)size);
        if (id is { } v)
        {
            _features.Key(1, 0);
            _features.Varint(v);
        }
        _features.Packed(2, tags);
        _features.Key(3, 0);
        _features.Varint((uint)type);
        _features.Packed(4, geometry);
        FeatureCount++;
    }

    /// <summary>Writes the layer as field 3 of a tile into <paramref name="tile"/>.</summary>
    public void WriteTo(ProtoBuffer tile, string name, uint extent)
    {
        var layer = new ProtoBuffer(_features.Length + _keyTable.Length + _values.Length + 64);
        layer.Key(15, 0);
        layer.Varint(2);
        layer.String(1, name);
        layer.Raw(_features.Span);
        layer.Raw(_keyTable.Span);
        layer.Raw(_values.Span);
        layer.Key(5, 0);
        layer.Varint(extent);
        tile.Bytes(3, layer.Span);
    }

    private static int PackedSize(ReadOnlySpan<uint> values)
    {
        if (values.IsEmpty) return 0;
        var size = 0;
        foreach (var v in values) size += ProtoBuffer.VarintSize(v);
        return 1 + ProtoBuffer.VarintSize((uint)size) + size;
    }

    // A Value message (layer field 4) holding one field: string 1, float 2, double 3, int64 4, uint64 5, bool 7.
    private void WriteValue(int field, int wireType, string? text = null, ulong varint = 0, double real = 0)
    {
        var body = new ProtoBuffer(text is null ? 16 : text.Length * 3 + 8);
        if (text is not null) body.String(field, text);
        else
        {
            body.Key(field, wireType);
            if (wireType == 0) body.Varint(varint);
            else if (wireType == 1) body.Fixed64(real);
            else body.Fixed32((float)real);
        }
        _values.Bytes(4, body.Span);
        _valueCount++;
    }
}

/// <summary>The MVT geometry types.</summary>
internal enum MvtGeometryType
{
    Unknown = 0,
    Point = 1,
    LineString = 2,
    Polygon = 3,
}
