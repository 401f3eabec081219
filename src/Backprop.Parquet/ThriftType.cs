namespace Backprop.Parquet;

/// <summary>
/// A Thrift type as the compact protocol codes it: a primitive, a list of items of one type, or a struct whose known fields
/// are named by id. Code: 1 bool, 3 byte, 4 i16, 5 i32, 6 i64, 7 double, 8 binary, 9 list, 12 struct.
/// </summary>
internal sealed class ThriftType
{
    private ThriftType(string name, int code, ThriftType? item = null) => (Name, Code, Item) = (name, code, item);

    /// <summary>The type's name: <c>i32</c>, <c>list&lt;KeyValue&gt;</c>, <c>RowGroup</c>.</summary>
    public string Name { get; }

    /// <summary>The compact protocol's type code.</summary>
    public int Code { get; }

    /// <summary>A list's item type.</summary>
    public ThriftType? Item { get; }

    /// <summary>A struct's known fields, by id; any other field is skipped as its type code says.</summary>
    public Dictionary<short, ThriftType> Fields { get; } = [];

    /// <summary>Whether a value coded as <paramref name="code"/> is this type (a bool is coded 1 for true, 2 for false).</summary>
    public bool IsCodedAs(int code) => Code == 1 ? code is 1 or 2 : Code == code;

    private static readonly Dictionary<string, int> Primitives = new()
    {
        ["bool"] = 1, ["byte"] = 3, ["i16"] = 4, ["i32"] = 5, ["i64"] = 6, ["double"] = 7, ["binary"] = 8,
    };

    /// <summary>
    /// The structs of a <paramref name="table"/> of lines <c>Name: id type, id type, …</c>, where a type is a primitive, a
    /// struct of the table or <c>list</c> and either; a struct named with no fields has none known.
    /// </summary>
    public static Dictionary<string, ThriftType> Structs(string table)
    {
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var structs = lines.Select(line => new ThriftType(line[..line.IndexOf(':')], 12)).ToDictionary(s => s.Name);
        foreach (var line in lines)
        {
            var fields = structs[line[..line.IndexOf(':')]].Fields;
            foreach (var field in line[(line.IndexOf(':') + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = field.Split(' ', 2);
                fields.Add(short.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), Of(parts[1], structs));
            }
        }
        return structs;
    }

    private static ThriftType List(ThriftType item) => new($"list<{item.Name}>", 9, item);

    private static ThriftType Of(string name, Dictionary<string, ThriftType> structs) =>
        name.StartsWith("list ", StringComparison.Ordinal) ? List(Of(name[5..], structs))
        : Primitives.TryGetValue(name, out int code) ? new(name, code)
        : structs.TryGetValue(name, out var known) ? known
        : throw new ArgumentException($"'{name}' is neither a primitive nor a struct of the table");
}
