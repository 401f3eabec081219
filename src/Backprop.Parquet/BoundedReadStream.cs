namespace Backprop.Parquet;

/// <summary>
/// A read-only view of a file for a parser that may not stop by itself on a corrupt file: reading past the end throws instead
/// of returning -1 (which a varint loop would read as 0xFF forever), and reading more than <paramref name="budget"/> bytes in
/// all (over every stream that shares it) throws (parts of a file that point back into each other would be read again and again).
/// </summary>
internal sealed class BoundedReadStream(Stream inner, ByteBudget budget) : Stream
{

    /// <inheritdoc/>
    public override int ReadByte()
    {
        int b = inner.ReadByte();
        if (b < 0) throw new EndOfStreamException("read past the end of the file");
        Count(1);
        return b;
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        if (!budget.TryTake(read)) throw new InvalidDataException($"more than {budget.Total} bytes read from a file of {inner.Length}: its parts point back into each other");
        return read;
    }

    /// <summary>Called with the position before each seek from the start (a parser's way to jump to a part of the file).</summary>
    public Action<long>? Seeking { get; set; }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin)
    {
        if (origin == SeekOrigin.Begin) Seeking?.Invoke(offset);
        return inner.Seek(offset, origin);
    }

    /// <inheritdoc/>
    public override long Position { get => inner.Position; set => inner.Position = value; }

    /// <inheritdoc/>
    public override long Length => inner.Length;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => true;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override void Flush() { }

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
