using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tasks;

/// <summary>
/// A key column's values as class names, and back. <c>MapValueToKey</c> gives a key the values it was mapped from: text, numbers or
/// booleans. The model keeps them as text, with the type's name beside them (<see cref="TypeKey"/>), so PredictedLabel carries
/// key values of the label's own type and <c>MapKeyToValue</c> gives back what the label held (3.5, not "3.5").
/// </summary>
internal static class KeyValueNames
{
    /// <summary>The model metadata entry naming the key values' type (absent for text).</summary>
    public const string TypeKey = "mlnet_key_values";

    private const string KeyValues = "KeyValues";

    private static readonly Dictionary<Type, Kind> Kinds = new Kind[]
    {
        new Kind<float>(NumberDataViewType.Single), new Kind<double>(NumberDataViewType.Double), new Kind<sbyte>(NumberDataViewType.SByte),
        new Kind<byte>(NumberDataViewType.Byte), new Kind<short>(NumberDataViewType.Int16), new Kind<ushort>(NumberDataViewType.UInt16),
        new Kind<int>(NumberDataViewType.Int32), new Kind<uint>(NumberDataViewType.UInt32), new Kind<long>(NumberDataViewType.Int64),
        new Kind<ulong>(NumberDataViewType.UInt64), new Kind<bool>(BooleanDataViewType.Instance),
    }.ToDictionary(k => k.Type.RawType);

    /// <summary>The label's key values as text and the name of their type (null for text), or (null, null) when it has none this reads.</summary>
    public static (IReadOnlyList<string>? Names, string? Type) Read(DataViewSchema.Column label)
    {
        if (label.Annotations.Schema.GetColumnOrNull(KeyValues) is not { Type: VectorDataViewType { ItemType: var item } }) return (null, null);
        if (item is TextDataViewType)
        {
            var names = default(VBuffer<ReadOnlyMemory<char>>);
            label.GetKeyValues(ref names);
            return ([.. names.DenseValues().Select(n => n.ToString())], null);
        }
        return Kinds.TryGetValue(item.RawType, out var kind) ? (kind.Read(label), item.RawType.Name) : (null, null);
    }

    /// <summary>Annotates <paramref name="column"/> with <paramref name="names"/> as key values of the type named <paramref name="type"/> (text when null or unknown).</summary>
    public static void Annotate(SchemaDefinition.Column column, IReadOnlyList<string> names, string? type)
    {
        if (Kinds.Values.FirstOrDefault(k => k.Type.RawType.Name == type) is { } kind) kind.Annotate(column, names);
        else column.AddAnnotation(KeyValues, new VBuffer<ReadOnlyMemory<char>>(names.Count, [.. names.Select(n => n.AsMemory())]),
            new VectorDataViewType(TextDataViewType.Instance, names.Count));
    }

    private abstract record Kind(PrimitiveDataViewType Type)
    {
        public abstract string[] Read(DataViewSchema.Column label);

        public abstract void Annotate(SchemaDefinition.Column column, IReadOnlyList<string> names);
    }

    // Values written in their shortest round-trip form and parsed back exactly.
    private sealed record Kind<T>(PrimitiveDataViewType Type) : Kind(Type) where T : IParsable<T>
    {
        public override string[] Read(DataViewSchema.Column label)
        {
            var values = default(VBuffer<T>);
            label.GetKeyValues(ref values);
            return [.. values.DenseValues().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!)];
        }

        public override void Annotate(SchemaDefinition.Column column, IReadOnlyList<string> names) =>
            column.AddAnnotation(KeyValues, new VBuffer<T>(names.Count, [.. names.Select(n => T.Parse(n, CultureInfo.InvariantCulture))]),
                new VectorDataViewType(Type, names.Count));
    }
}
