namespace Backprop.Data;

/// <summary>
/// Values appended one at a time into fixed-size chunks, then moved into one array of exactly their count: unlike a list that
/// doubles, it never holds more than one chunk beyond the values, and the move frees each chunk as soon as it is copied.
/// </summary>
internal sealed class AppendBuffer<T>
{
    private const int ChunkLength = 1 << 16;
    private readonly List<T[]> _chunks = [];
    private int _last = ChunkLength; // values in the last chunk

    /// <summary>The number of values appended.</summary>
    public int Count { get; private set; }

    /// <summary>Appends <paramref name="value"/>.</summary>
    public void Add(T value)
    {
        if (_last == ChunkLength) { _chunks.Add(new T[ChunkLength]); _last = 0; }
        _chunks[^1][_last++] = value;
        Count++;
    }

    /// <summary>All the values, in order, in a new array; the buffer is left empty.</summary>
    public T[] MoveToArray()
    {
        var all = new T[Count];
        for (int c = 0; c < _chunks.Count; c++)
        {
            int start = c * ChunkLength;
            _chunks[c].AsSpan(0, Math.Min(ChunkLength, Count - start)).CopyTo(all.AsSpan(start));
            _chunks[c] = [];
        }
        Clear();
        return all;
    }

    /// <summary>The value at <paramref name="index"/> (below <see cref="Count"/>).</summary>
    public T this[int index] => _chunks[index / ChunkLength][index % ChunkLength];

    /// <summary>Each value mapped by <paramref name="map"/> (given the value and its index), in order, in a new array; the buffer is left empty.</summary>
    public TResult[] MoveToArray<TResult>(Func<T, int, TResult> map)
    {
        var all = new TResult[Count];
        for (int c = 0; c < _chunks.Count; c++)
        {
            int start = c * ChunkLength;
            var chunk = _chunks[c].AsSpan(0, Math.Min(ChunkLength, Count - start));
            for (int i = 0; i < chunk.Length; i++) all[start + i] = map(chunk[i], start + i);
            _chunks[c] = [];
        }
        Clear();
        return all;
    }

    private void Clear()
    {
        _chunks.Clear();
        (_last, Count) = (ChunkLength, 0);
    }
}
