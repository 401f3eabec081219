using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet;

/// <summary>
/// The column checks of ML.NET's own trainers, in ML.NET's words (<c>Contracts.ExceptSchemaMismatch</c>): a missing column is
/// "Could not find feature column 'Features'", a wrong type "Schema mismatch for feature column 'Features': expected Vector&lt;Single&gt;,
/// got Vector&lt;Double&gt;", thrown as <see cref="ArgumentOutOfRangeException"/> for the parameter <c>inputSchema</c>, as ML.NET throws them.
/// The same checks run on a pipeline's <see cref="SchemaShape"/> and on a data view's <see cref="DataViewSchema"/>.
/// </summary>
internal static class SchemaChecks
{
    /// <summary>ML.NET's name for a known-size vector of Single, the only feature type its trainers take.</summary>
    public const string FeatureType = "Vector<Single>";

    /// <summary>The shape of the named column of a pipeline's schema shape, or ML.NET's "Could not find" error.</summary>
    public static ColumnShape Find(SchemaShape schema, string role, string name) =>
        schema.Where(c => c.Name == name).Select(c => (ColumnShape?)new ColumnShape(c.Kind, c.ItemType, c.IsKey)).FirstOrDefault() ?? throw Missing(role, name);

    /// <summary>The shape of the named column of a data view's schema, or ML.NET's "Could not find" error.</summary>
    public static ColumnShape Find(DataViewSchema schema, string role, string name) =>
        schema.GetColumnOrNull(name) is { } column ? ColumnShape.Of(column.Type) : throw Missing(role, name);

    /// <summary>Throws ML.NET's schema mismatch unless the feature column is a known-size vector of Single.</summary>
    public static void CheckFeatures(ColumnShape column, string name)
    {
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.IsKey || !column.Item.Equals(NumberDataViewType.Single))
            throw Mismatch("feature", name, FeatureType, column.ToString());
    }

    /// <summary>ML.NET's schema mismatch error.</summary>
    public static ArgumentOutOfRangeException Mismatch(string role, string name, string expected, string actual) =>
        new("inputSchema", $"Schema mismatch for {role} column '{name}': expected {expected}, got {actual}");

    private static ArgumentOutOfRangeException Missing(string role, string name) => new("inputSchema", $"Could not find {role} column '{name}'");
}

/// <summary>A column's type as a pipeline sees it: scalar, known-size or variable vector; its item type; whether a key.</summary>
internal readonly record struct ColumnShape(SchemaShape.Column.VectorKind Kind, DataViewType Item, bool IsKey)
{
    /// <summary>The shape of a full column type.</summary>
    public static ColumnShape Of(DataViewType type)
    {
        var kind = type is VectorDataViewType vector
            ? vector.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector
            : SchemaShape.Column.VectorKind.Scalar;
        var item = type is VectorDataViewType v ? v.ItemType : type;
        return item is KeyDataViewType key ? new(kind, RawType(key.RawType), true) : new(kind, item, false);
    }

    // The number type a key is stored as.
    private static DataViewType RawType(Type raw)
    {
        if (raw == typeof(byte)) return NumberDataViewType.Byte;
        if (raw == typeof(ushort)) return NumberDataViewType.UInt16;
        return raw == typeof(ulong) ? NumberDataViewType.UInt64 : NumberDataViewType.UInt32;
    }

    /// <summary>True for a scalar of <paramref name="item"/>, a key when <paramref name="key"/>.</summary>
    public bool IsScalar(DataViewType item, bool key = false) => Kind == SchemaShape.Column.VectorKind.Scalar && IsKey == key && Item.Equals(item);

    /// <summary>As ML.NET's messages write it: Single, Key&lt;UInt32&gt;, Vector&lt;Double&gt;, VarVector&lt;Single&gt;.</summary>
    public override string ToString()
    {
        string name = IsKey ? $"Key<{Item}>" : $"{Item}";
        return Kind switch
        {
            SchemaShape.Column.VectorKind.Vector => $"Vector<{name}>",
            SchemaShape.Column.VectorKind.VariableVector => $"VarVector<{name}>",
            _ => name,
        };
    }
}
