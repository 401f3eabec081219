namespace Backprop.Tests.Data;

/// <summary>Writes Thrift compact-protocol structs for tests: field headers with id steps, zigzag integers, bools in the header.</summary>
internal sealed class CompactWriter
{
    private readonly List<byte> _bytes = [];
    private readonly Stack<short> _outer = new();
    private short _last;

    /// <summary>An i32 field.</summary>
    public CompactWriter I32(short id, int value)
    {
        Header(id, 5);
        Varint((uint)((value << 1) ^ (value >> 31)));
        return this;
    }

    /// <summary>An i64 field.</summary>
    public CompactWriter I64(short id, long value)
    {
        Header(id, 6);
        ulong zigzag = (ulong)((value << 1) ^ (value >> 63));
        for (; zigzag >= 0x80; zigzag >>= 7) _bytes.Add((byte)(zigzag | 0x80));
        _bytes.Add((byte)zigzag);
        return this;
    }

    /// <summary>A bool field (its value is its type code).</summary>
    public CompactWriter Bool(short id, bool value)
    {
        Header(id, value ? 1 : 2);
        return this;
    }

    /// <summary>A binary field.</summary>
    public CompactWriter Binary(short id, byte[] value)
    {
        Header(id, 8);
        Varint((uint)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    /// <summary>Opens a struct field; <see cref="End"/> closes it.</summary>
    public CompactWriter Begin(short id)
    {
        Header(id, 12);
        _outer.Push(_last);
        _last = 0;
        return this;
    }

    /// <summary>Closes the struct opened last.</summary>
    public CompactWriter End()
    {
        _bytes.Add(0);
        _last = _outer.Pop();
        return this;
    }

    /// <summary>The struct written, with its stop.</summary>
    public byte[] ToArray() => [.. _bytes, 0];

    private void Header(short id, int type)
    {
        int step = id - _last;
        if (step is > 0 and <= 15) _bytes.Add((byte)(step << 4 | type));
        else
        {
            _bytes.Add((byte)type);
            Varint((uint)((id << 1) ^ (id >> 31)));
        }
        _last = id;
    }

    private void Varint(uint value)
    {
        for (; value >= 0x80; value >>= 7) _bytes.Add((byte)(value | 0x80));
        _bytes.Add((byte)value);
    }
}
