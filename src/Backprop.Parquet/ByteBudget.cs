namespace Backprop.Parquet;

/// <summary>
/// A number of bytes that readers of one file take from as they go, from any thread: the guards' limits over a whole file
/// (bytes read, bytes decompressed) hold however many readers share them.
/// </summary>
internal sealed class ByteBudget(long bytes)
{
    private long _left = bytes;

    /// <summary>The bytes the budget started with.</summary>
    public long Total { get; } = bytes;

    /// <summary>Takes <paramref name="count"/> bytes; false (nothing taken) when fewer are left.</summary>
    public bool TryTake(long count)
    {
        long left = Volatile.Read(ref _left);
        while (true)
        {
            if (count > left) return false;
            long seen = Interlocked.CompareExchange(ref _left, left - count, left);
            if (seen == left) return true;
            left = seen;
        }
    }
}
