using System.Buffers.Binary;

namespace Backprop.Data;

/// <summary>
/// Checks a Parquet file's frame and footer before Parquet.Net reads it: the magic at both ends, a footer length that fits,
/// and a footer that is one well-formed Thrift compact-protocol struct within its bytes, whose lists claim no more items than
/// bytes remain. Parquet.Net reads a footer from a copy where reading past the end yields 0xFF bytes forever: a footer cut
/// short (in a varint, or a list claiming millions of items) would make it loop without end or allocate at will.
/// </summary>
internal static class ParquetFooterCheck
{
    private const int MaxDepth = 64;

    /// <summary>Null when the file's frame and footer are sound; otherwise what is wrong, for a message.</summary>
    public static string? Problem(Stream file)
    {
        long length = file.Length;
        if (length < 12) return $"{length} bytes is too short for a Parquet file";
        Span<byte> head = stackalloc byte[4], tail = stackalloc byte[8];
        file.Position = 0;
        file.ReadExactly(head);
        file.Position = length - 8;
        file.ReadExactly(tail);
        if (!head.SequenceEqual("PAR1"u8) || !tail[4..].SequenceEqual("PAR1"u8)) return "no PAR1 magic at its start and end";
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12) return $"a footer of {footerLength} bytes in a file of {length}";
        var footer = new byte[footerLength];
        file.Position = length - 8 - footerLength;
        file.ReadExactly(footer);
        file.Position = 0;
        var walk = new Walk(footer);
        return walk.Struct(0) ? null : $"the footer is malformed at byte {walk.At} of {footerLength}";
    }

    // A walk through compact-protocol values, false as soon as one does not fit in the bytes.
    private sealed class Walk(byte[] bytes)
    {
        public int At { get; private set; }

        private bool Next(out byte value)
        {
            value = At < bytes.Length ? bytes[At] : (byte)0;
            return At++ < bytes.Length;
        }

        private bool Varint(out ulong value)
        {
            value = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                if (!Next(out byte b)) return false;
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return true;
            }
            return false;
        }

        private bool Skip(ulong count) => count <= (ulong)(bytes.Length - At) && (At += (int)count) >= 0;

        public bool Struct(int depth)
        {
            if (depth > MaxDepth) return false;
            while (true)
            {
                if (!Next(out byte header)) return false;
                if (header == 0) return true;
                if (header >> 4 == 0 && !Varint(out _)) return false; // a field id given in full
                if (!Value(header & 0x0F, depth)) return false;
            }
        }

        // Compact types: 1, 2 booleans (in the header), 3 byte, 4-6 integers, 7 double, 8 binary, 9 list, 10 set, 12 struct.
        // Nesting deeper than MaxDepth (lists in lists, structs in structs) is refused before it can exhaust the stack.
        private bool Value(int type, int depth) => depth <= MaxDepth && type switch
        {
            1 or 2 => true,
            3 => Next(out _),
            4 or 5 or 6 => Varint(out _),
            7 => Skip(8),
            8 => Varint(out ulong length) && Skip(length),
            9 or 10 => List(depth),
            12 => Struct(depth + 1),
            _ => false,
        };

        private bool List(int depth)
        {
            if (!Next(out byte header)) return false;
            ulong count = (ulong)(header >> 4);
            if (count == 15 && !Varint(out count)) return false;
            if (count > (ulong)(bytes.Length - At)) return false; // every item takes a byte at least
            int type = header & 0x0F;
            for (ulong i = 0; i < count; i++)
                if (!(type is 1 or 2 ? Next(out _) : Value(type, depth + 1))) return false;
            return true;
        }
    }
}
