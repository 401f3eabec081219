using Backprop.Errors;
using Parquet;

namespace Backprop.Parquet;

/// <summary>
/// A Parquet file opened behind its guards: the frame and footer checked (<see cref="ParquetFooterCheck"/>), every read bounded
/// (<see cref="BoundedReadStream"/>) and every page checked before Parquet.Net reads it (<see cref="ParquetPageCheck"/>), then
/// Parquet.Net's reader over it. Readers of one file in parallel each open their own, sharing the budgets.
/// </summary>
internal sealed class ParquetFile : IDisposable
{
    /// <summary>The most bytes read, per byte of the file: each part is read once, the footer a few times.</summary>
    private const long ReadBudget = 8;

    private ParquetFile(FileStream stream, ParquetPageCheck pages, ParquetReader reader) => (Stream, Pages, Reader) = (stream, pages, reader);

    /// <summary>The file.</summary>
    public FileStream Stream { get; }

    /// <summary>The check of the pages Parquet.Net reads (tell it which column is read).</summary>
    public ParquetPageCheck Pages { get; }

    /// <summary>Parquet.Net's reader, its footer read.</summary>
    public ParquetReader Reader { get; }

    /// <summary>The bytes readers of a file of <paramref name="length"/> bytes may read in all.</summary>
    public static ByteBudget Reads(long length) => new(ReadBudget * length + (1 << 20));

    /// <summary>Opens a Parquet file (a regular file only), checks its frame and footer, and reads the footer; budgets shared when given.</summary>
    public static ParquetFile Open(string path, ByteBudget? reads = null, ByteBudget? decompressed = null)
    {
        string name = System.IO.Path.GetFileName(path);
        var file = Backprop.Data.InputFile.OpenRead(path, "a Parquet file");
        try
        {
            if (ParquetRecords.Call(name, "", () => ParquetFooterCheck.Problem(file)) is { } problem)
                throw BackpropException.BadInput($"{name}: not a readable Parquet file ({problem}).");
            var pages = new ParquetPageCheck(file, decompressed ?? ParquetPageCheck.Decompressed(file.Length));
            var stream = new BoundedReadStream(file, reads ?? Reads(file.Length)) { Seeking = pages.Check };
            var reader = ParquetRecords.Call(name, "", () => ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = true }, leaveStreamOpen: true).GetAwaiter().GetResult());
            return new ParquetFile(file, pages, reader);
        }
        catch { file.Dispose(); throw; }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Stream.Dispose();
    }
}
