using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Data;

/// <summary>
/// The feature rows of a <see cref="Dataset{T}"/> where they are stored: row i is row i of a row-major [N, F] array, or, for a
/// split's part (a view), row map[i] of its parent's array. Nothing is copied to hand them out.
/// </summary>
internal readonly struct FeatureRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _values;
    private readonly ReadOnlyMemory<int> _map;

    /// <summary>Rows 0..<paramref name="count"/>−1 of <paramref name="values"/>, or with <paramref name="map"/> (one index per row) its rows map[i].</summary>
    public FeatureRows(T[] values, int features, int count, ReadOnlyMemory<int> map = default)
    {
        (_values, _map, Features, Count) = (values, map, features, count);
        IsContiguous = map.IsEmpty;
    }

    /// <summary>Rows.</summary>
    public int Count { get; }

    /// <summary>Values per row.</summary>
    public int Features { get; }

    /// <summary>True when the rows lie one after the other in storage (not a view through a row map).</summary>
    public bool IsContiguous { get; }

    /// <summary>Row <paramref name="i"/>'s <see cref="Features"/> values.</summary>
    public ReadOnlySpan<T> this[int i] => _values.AsSpan((IsContiguous ? i : _map.Span[i]) * Features, Features);

    /// <summary>Rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="n"/>): in place when contiguous, else gathered into the front of <paramref name="buffer"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<T> Range(int start, int n, Span<T> buffer)
    {
        int f = Features;
        if (IsContiguous) return _values.AsSpan(start * f, n * f);
        var map = _map.Span.Slice(start, n);
        for (int r = 0; r < n; r++) _values.AsSpan(map[r] * f, f).CopyTo(buffer.Slice(r * f, f));
        return buffer[..(n * f)];
    }
}
