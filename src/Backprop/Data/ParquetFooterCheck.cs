using System.Buffers.Binary;

namespace Backprop.Data;

/// <summary>
/// Checks a Parquet file's frame and footer before Parquet.Net reads it: the magic at both ends, a footer length that fits,
/// and a footer read as Parquet.Net 6.1 reads it, every read inside the footer's bytes. Parquet.Net reads a footer from a
/// copy where reading past the end yields 0xFF bytes forever, so a footer that sends its reader past the end loops without
/// end or allocates at will. It reads a known field by the type it expects, whatever the file codes it as, so a known field
/// coded as another type is refused here (reading on from there, it and this check would part ways); an unknown field is
/// skipped as Parquet.Net skips it. Lists claim no more items than bytes remain, and a schema nests at most
/// <see cref="MaxSchemaDepth"/> levels (Parquet.Net builds it by recursion).
/// </summary>
internal static class ParquetFooterCheck
{
    private const int MaxDepth = 64, MaxSchemaDepth = 64;

    /// <summary>parquet.thrift's structs as Parquet.Net 6.1.0 reads a footer: the fields it knows, by id, with their types.</summary>
    private static readonly Dictionary<string, ThriftType> Structs = ThriftType.Structs("""
        FileMetaData: 1 i32, 2 list SchemaElement, 3 i64, 4 list RowGroup, 5 list KeyValue, 6 binary, 7 list ColumnOrder, 8 EncryptionAlgorithm, 9 binary
        SchemaElement: 1 i32, 2 i32, 3 i32, 4 binary, 5 i32, 6 i32, 7 i32, 8 i32, 9 i32, 10 LogicalType
        LogicalType: 1 StringType, 2 MapType, 3 ListType, 4 EnumType, 5 DecimalType, 6 DateType, 7 TimeType, 8 TimestampType, 10 IntType, 11 NullType, 12 JsonType, 13 BsonType, 14 UUIDType, 15 Float16Type, 16 VariantType, 17 GeometryType, 18 GeographyType
        StringType:
        MapType:
        ListType:
        EnumType:
        DateType:
        NullType:
        JsonType:
        BsonType:
        UUIDType:
        Float16Type:
        DecimalType: 1 i32, 2 i32
        TimeType: 1 bool, 2 TimeUnit
        TimestampType: 1 bool, 2 TimeUnit
        TimeUnit: 1 MilliSeconds, 2 MicroSeconds, 3 NanoSeconds
        MilliSeconds:
        MicroSeconds:
        NanoSeconds:
        IntType: 1 byte, 2 bool
        VariantType: 1 byte
        GeometryType: 1 binary
        GeographyType: 1 binary, 2 i32
        RowGroup: 1 list ColumnChunk, 2 i64, 3 i64, 4 list SortingColumn, 5 i64, 6 i64, 7 i16
        ColumnChunk: 1 binary, 2 i64, 3 ColumnMetaData, 4 i64, 5 i32, 6 i64, 7 i32, 8 ColumnCryptoMetaData, 9 binary
        ColumnMetaData: 1 i32, 2 list i32, 3 list binary, 4 i32, 5 i64, 6 i64, 7 i64, 8 list KeyValue, 9 i64, 10 i64, 11 i64, 12 Statistics, 13 list PageEncodingStats, 14 i64, 15 i32, 16 SizeStatistics, 17 GeospatialStatistics
        Statistics: 1 binary, 2 binary, 3 i64, 4 i64, 5 binary, 6 binary, 7 bool, 8 bool
        PageEncodingStats: 1 i32, 2 i32, 3 i32
        SizeStatistics: 1 i64, 2 list i64, 3 list i64
        GeospatialStatistics: 1 BoundingBox, 2 list i32
        BoundingBox: 1 double, 2 double, 3 double, 4 double, 5 double, 6 double, 7 double, 8 double
        ColumnCryptoMetaData: 1 EncryptionWithFooterKey, 2 EncryptionWithColumnKey
        EncryptionWithFooterKey:
        EncryptionWithColumnKey: 1 list binary, 2 binary
        SortingColumn: 1 i32, 2 bool, 3 bool
        KeyValue: 1 binary, 2 binary
        ColumnOrder: 1 TypeDefinedOrder
        TypeDefinedOrder:
        EncryptionAlgorithm: 1 AesGcmV1, 2 AesGcmCtrV1
        AesGcmV1: 1 binary, 2 binary, 3 bool
        AesGcmCtrV1: 1 binary, 2 binary, 3 bool
        """);

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
        if (!walk.Struct(Structs["FileMetaData"], 0))
            return $"the footer is malformed at byte {walk.At} of {footerLength}{(walk.Why is { } why ? $": {why}" : "")}";
        int depth = SchemaDepth(walk.SchemaChildren);
        return depth > MaxSchemaDepth ? $"its schema nests {depth} levels deep; at most {MaxSchemaDepth} are read" : null;
    }

    // How deep the schema's groups nest, as Parquet.Net builds its tree: the first element is the root, and each element's
    // children are the elements that follow it. Iterative, so a schema of a million nested groups is measured, not recursed into.
    private static int SchemaDepth(List<int> children)
    {
        if (children.Count == 0) return 0;
        var left = new Stack<int>([children[0]]);
        int deepest = 0;
        for (int i = 1; i < children.Count && left.Count > 0; i++)
        {
            while (left.Count > 0 && left.Peek() <= 0) left.Pop();
            if (left.Count == 0) break;
            left.Push(left.Pop() - 1);
            if (children[i] > 0) { left.Push(children[i]); deepest = Math.Max(deepest, left.Count - 1); }
        }
        return deepest;
    }

    // A walk through compact-protocol values as Parquet.Net reads them, false as soon as one does not fit in the bytes.
    private sealed class Walk(byte[] bytes)
    {
        public int At { get; private set; }

        /// <summary>Why the walk stopped, when it was not for want of bytes.</summary>
        public string? Why { get; private set; }

        /// <summary>Each schema element's number of children (0 when it gives none), in order.</summary>
        public List<int> SchemaChildren { get; } = [];

        private bool Next(out byte value)
        {
            value = At < bytes.Length ? bytes[At] : (byte)0;
            return At++ < bytes.Length;
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
            return false;
        }

        // An i32 or i16 is a varint of at most 5 bytes; Parquet.Net keeps its low 32 bits.
        private bool Varint32(out uint value)
        {
            bool read = Varint(5, out ulong wide);
            value = (uint)wide;
            return read;
        }

        // A length or count: at most the bytes that remain (every item takes a byte at least).
        private bool Count(out int count)
        {
            count = Varint32(out uint value) && value <= (uint)(bytes.Length - At) ? (int)value : -1;
            return count >= 0;
        }

        private bool Skip(int count) => count <= bytes.Length - At && (At += count) >= 0;

        private static string Coded(int code) => code switch
        {
            1 or 2 => "bool", 3 => "byte", 4 => "i16", 5 => "i32", 6 => "i64", 7 => "double", 8 => "binary",
            9 => "a list", 10 => "a set", 11 => "a map", 12 => "a struct", _ => $"type code {code}",
        };

        private bool Refuse(string why)
        {
            Why = why;
            return false;
        }

        // A field header: the type code in the low 4 bits, and in the high 4 the id's step from the last, or 0 and the id in full.
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

        public bool Struct(ThriftType type, int depth)
        {
            if (depth > MaxDepth) return false;
            short id = 0;
            int children = 0;
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
                if (type.Name == "SchemaElement" && id == 5)
                {
                    if (!Varint32(out uint zigzag)) return false;
                    children = (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
                    continue;
                }
                if (type.Name == "FileMetaData" && id == 2) SchemaChildren.Clear(); // a field given twice: the last counts
                if (known.Code != 1 && !Value(known, depth)) return false; // a bool field's value is its type code
            }
            if (type.Name == "SchemaElement") SchemaChildren.Add(children);
            return true;
        }

        // A value of a known type; a struct's known fields are read by their types, its others skipped by their codes.
        private bool Value(ThriftType type, int depth) => type.Code switch
        {
            1 or 3 => Next(out _),
            4 or 5 => Varint32(out _),
            6 => Varint(10, out _),
            7 => Skip(8),
            8 => Count(out int length) && Skip(length),
            9 => List(type, depth + 1),
            _ => Struct(type, depth + 1),
        };

        private bool List(ThriftType type, int depth)
        {
            if (depth > MaxDepth || !ListHeader(out int count, out int code)) return false;
            if (!type.Item!.IsCodedAs(code))
                return Refuse($"a list of {type.Item.Name} is coded as holding {Coded(code)}");
            for (int i = 0; i < count; i++)
                if (!Value(type.Item, depth)) return false;
            return true;
        }

        private bool ListHeader(out int count, out int code)
        {
            count = 0;
            code = 0;
            if (!Next(out byte header)) return false;
            code = header & 0x0F;
            count = header >> 4;
            return count < 15 ? count <= bytes.Length - At : Count(out count);
        }

        // An unknown field skipped as Parquet.Net 6.1 skips one: a struct by its field headers alone (their values are not
        // skipped), a list item by item, a bool in a list as nothing; sets, maps and other codes are refused, as it refuses them.
        private bool Skipped(int code, int depth)
        {
            if (depth > MaxDepth) return false;
            switch (code)
            {
                case 1 or 2: return true;
                case 3: return Skip(1);
                case 4 or 5: return Varint32(out _);
                case 6: return Varint(10, out _);
                case 7: return Skip(8);
                case 8: return Count(out int length) && Skip(length);
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
}
