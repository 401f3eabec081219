using System.Buffers.Binary;

namespace Backprop.Parquet;

/// <summary>
/// Checks a Parquet file's frame and footer before Parquet.Net reads it: the magic at both ends, a footer length that fits,
/// and a footer read as Parquet.Net 6.1 reads it (<see cref="ThriftWalk"/>), every read inside the footer's bytes. Parquet.Net
/// reads a footer from a copy where reading past the end yields 0xFF bytes forever, so a footer that sends its reader past the
/// end loops without end or allocates at will. A schema nests at most <see cref="MaxSchemaDepth"/> levels (Parquet.Net builds
/// it by recursion).
/// </summary>
internal static class ParquetFooterCheck
{
    private const int MaxSchemaDepth = 64;

    /// <summary>
    /// The most column chunks (row groups times columns) a footer lists: Parquet.Net builds objects of about a kilobyte for each
    /// and reads each row group apart, so a footer of a million row groups cost gigabytes and minutes before this check.
    /// </summary>
    public const int MaxColumnChunks = 1 << 16;

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
        var children = new List<int>(); // each schema element's number of children (0 when it gives none), in order
        int count = 0;
        long chunks = 0, rowGroups = 0;
        var walk = new ThriftWalk(footer, footerLength)
        {
            Integer = (type, id, value) => count = type.Name == "SchemaElement" && id == 5 ? (int)value : count,
            Ended = type =>
            {
                if (type.Name == "SchemaElement") { children.Add(count); count = 0; }
                else if (type.Name == "ColumnChunk") chunks++;
                else if (type.Name == "RowGroup") rowGroups++;
            },
        };
        if (!walk.Struct(Structs["FileMetaData"]))
            return $"the footer is malformed at byte {walk.At} of {footerLength}{(walk.Why is { } why ? $": {why}" : "")}";
        if (chunks > MaxColumnChunks)
            return $"its footer lists {rowGroups} row groups of {chunks} column chunks in all; at most {MaxColumnChunks} column chunks (row groups times columns) are read: write fewer, larger row groups";
        int depth = SchemaDepth(children);
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
}
