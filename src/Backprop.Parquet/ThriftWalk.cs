namespace Backprop.Parquet;

/// <summary>
/// A walk through Thrift compact-protocol bytes as Parquet.Net 6.1 reads them, false as soon as a read would leave the bytes.
/// Parquet.Net reads a known field by the type it expects whatever the bytes code it as, and skips an unknown one by its code;
/// so a known field coded as another type, or given twice, is refused here (read on from there, it and this walk would part
/// ways), and an unknown one is skipped as Parquet.Net skips it. Lists claim no more items than bytes remain; nesting is at
/// most <see cref="MaxDepth"/> deep. Integers and bools of known fields are passed to <see cref="Integer"/>.
/// </summary>
internal sealed class ThriftWalk(byte[] bytes, int length)
{
    private const int MaxDepth = 64;

    /// <summary>The bytes read so far.</summary>
    public int At { get; private set; }

    /// <summary>Why the walk stopped, when it was not for want of bytes.</summary>
    public string? Why { get; private set; }

    /// <summary>Called with each integer or bool (1 or 0) of a known field: its struct, its id, its value.</summary>
    public Action<ThriftType, short, long>? Integer { get; init; }

    /// <summary>Called when a struct of a known type ends.</summary>
    public Action<ThriftType>? Ended { get; init; }

    /// <summary>Reads one struct of <paramref name="type"/>.</summary>
    public bool Struct(ThriftType type) => Struct(type, 0);

    private bool Next(out byte value)
    {
        value = At < length ? bytes[At] : (byte)0;
        return At++ < length;
    }

    private bool Varint(int maxBytes, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 7 * maxBytes; shift += 7)
        {
            if (!Next(out byte b)) return false;
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return Refuse($"a number of more than {maxBytes} bytes");
    }

    // An i32 or i16 is a varint of at most 5 bytes, of which Parquet.Net keeps the low 32 bits.
    private bool Varint32(out uint value)
    {
        bool read = Varint(5, out ulong wide);
        value = (uint)wide;
        return read;
    }

    // A length or count: at most the bytes that remain (every item takes a byte at least).
    private bool Count(out int count)
    {
        count = Varint32(out uint value) && value <= (uint)(length - At) ? (int)value : -1;
        return count >= 0;
    }

    private bool Skip(int count) => count <= length - At && (At += count) >= 0;

    private bool Refuse(string why)
    {
        Why = why;
        return false;
    }

    private static string Coded(int code) => code switch
    {
        1 or 2 => "bool", 3 => "byte", 4 => "i16", 5 => "i32", 6 => "i64", 7 => "double", 8 => "binary",
        9 => "a list", 10 => "a set", 11 => "a map", 12 => "a struct", _ => $"type code {code}",
    };

    // A field header: the type code in the low 4 bits, and in the high 4 the id's step from the last, or 0 and the id in full
    // (a zigzag varint, of which Parquet.Net keeps 16 bits). The struct's stop is code -1.
    private bool Field(ref short last, out int code)
    {
        code = -1;
        if (!Next(out byte header)) return false;
        if (header == 0) return true;
        code = header & 0x0F;
        if (header >> 4 != 0) last = (short)(last + (header >> 4));
        else if (Varint32(out uint id)) last = (short)((int)(id >> 1) ^ -(int)(id & 1));
        else return false;
        return true;
    }

    private bool Deep() => Refuse($"values nested more than {MaxDepth} deep");

    private bool Struct(ThriftType type, int depth)
    {
        if (depth > MaxDepth) return Deep();
        short id = 0;
        ulong seen = 0;
        while (true)
        {
            if (!Field(ref id, out int code)) return false;
            if (code < 0) break;
            if (!type.Fields.TryGetValue(id, out var known))
            {
                if (!Skipped(code, depth)) return false;
                continue;
            }
            if (!known.IsCodedAs(code))
                return Refuse($"field {id} of {type.Name} is coded as {Coded(code)}, where the Parquet format has {known.Name}");
            ulong bit = 1UL << (id & 63);
            if ((seen & bit) != 0) return Refuse($"field {id} of {type.Name} is given twice");
            seen |= bit;
            if (known.Code is 4 or 5 or 6)
            {
                if (!Varint(known.Code == 6 ? 10 : 5, out ulong zigzag)) return false;
                long value = known.Code == 6 ? (long)(zigzag >> 1) ^ -(long)(zigzag & 1) : (int)((uint)zigzag >> 1) ^ -(int)(zigzag & 1);
                Integer?.Invoke(type, id, known.Code == 4 ? (short)value : value);
            }
            else if (known.Code == 1) Integer?.Invoke(type, id, code == 1 ? 1 : 0); // a bool field's value is its type code
            else if (!Value(known, depth)) return false;
        }
        Ended?.Invoke(type);
        return true;
    }

    // A value of a known type: a struct's known fields read by their types, its others skipped by their codes.
    private bool Value(ThriftType type, int depth) => type.Code switch
    {
        1 or 3 => Next(out _),
        4 or 5 => Varint32(out _),
        6 => Varint(10, out _),
        7 => Skip(8),
        8 => Count(out int size) && Skip(size),
        9 => List(type, depth + 1),
        _ => Struct(type, depth + 1),
    };

    private bool List(ThriftType type, int depth)
    {
        if (depth > MaxDepth) return Deep();
        if (!ListHeader(out int count, out int code)) return false;
        if (!type.Item!.IsCodedAs(code)) return Refuse($"a {type.Name} is coded as holding {Coded(code)}");
        for (int i = 0; i < count; i++)
            if (!Value(type.Item, depth)) return false;
        return true;
    }

    private bool ListHeader(out int count, out int code)
    {
        count = code = 0;
        if (!Next(out byte header)) return false;
        code = header & 0x0F;
        count = header >> 4;
        return count < 15 ? count <= length - At : Count(out count);
    }

    // An unknown field skipped as Parquet.Net 6.1 skips one: a struct by its field headers alone (their values are not
    // skipped), a list item by item, a bool in a list as nothing; sets, maps and other codes are refused, as it refuses them.
    private bool Skipped(int code, int depth)
    {
        if (depth > MaxDepth) return Deep();
        switch (code)
        {
            case 1 or 2: return true;
            case 3: return Skip(1);
            case 4 or 5: return Varint32(out _);
            case 6: return Varint(10, out _);
            case 7: return Skip(8);
            case 8: return Count(out int size) && Skip(size);
            case 9:
                if (!ListHeader(out int count, out int item)) return false;
                for (int i = 0; i < count; i++)
                    if (!Skipped(item, depth + 1)) return false;
                return true;
            case 12:
                for (short id = 0; ;)
                {
                    if (!Field(ref id, out int field)) return false;
                    if (field < 0) return true;
                }
            default: return Refuse($"a field coded as {Coded(code)}, which Parquet.Net cannot skip");
        }
    }
}
