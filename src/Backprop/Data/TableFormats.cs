using Backprop.Registration;

namespace Backprop.Data;

/// <summary>
/// The data file formats <see cref="DataFile"/> chooses by extension; a file whose extension no entry names is delimited text.
/// Empty in the core: <c>Backprop.Parquet</c> adds <c>parquet</c> (<c>ParquetTable.Register()</c>), as the <c>backprop</c> tool
/// does at start-up.
/// </summary>
public static class TableFormats
{
    /// <summary>The formats, each named by the extension it reads without the dot (<c>parquet</c>).</summary>
    public static Registry<TableFormat> Registry { get; } = new("table format");

    /// <summary>The format registered for <paramref name="path"/>'s extension (any case), or null for delimited text.</summary>
    public static TableFormat? For(string path)
    {
        string extension = Path.GetExtension(path).TrimStart('.');
        return extension.Length == 0 ? null : Registry.Find(extension)?.Create();
    }
}
