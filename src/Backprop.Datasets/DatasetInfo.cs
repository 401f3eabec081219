using Backprop.Data;
using Backprop.Nn;

namespace Backprop.Datasets;

/// <summary>
/// A built-in data set: its name, what it holds, where it came from, and how its embedded files are read. Adding a data set
/// means adding its files to the repository's <c>data/</c> folder and one entry to <see cref="BuiltIn.All"/>.
/// </summary>
public sealed record DatasetInfo
{
    /// <summary>The name it is loaded by, e.g. <c>iris</c> (also <c>backprop train --data iris</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What it is, in a few words.</summary>
    public required string Title { get; init; }

    /// <summary>The rows it loads (after the read options, e.g. rows with missing cells dropped).</summary>
    public required int Rows { get; init; }

    /// <summary>The rows of its own test set (<see cref="TestFile"/>), or 0 without one.</summary>
    public int TestRows { get; init; }

    /// <summary>The number of features of a row.</summary>
    public required int Features { get; init; }

    /// <summary>The number of classes, or 0 for regression.</summary>
    public int Classes { get; init; }

    /// <summary>Classification or regression.</summary>
    public TaskKind Task => Classes > 0 ? TaskKind.Classification : TaskKind.Regression;

    /// <summary>Where the data set is published (a web page).</summary>
    public required string Source { get; init; }

    /// <summary>The licence or terms it is distributed under.</summary>
    public required string Licence { get; init; }

    /// <summary>Its data file, relative to the repository's <c>data/</c> folder; for images, the IDX file of the images.</summary>
    public required string File { get; init; }

    /// <summary>The file of its own test set, with the same columns, or null.</summary>
    public string? TestFile { get; init; }

    /// <summary>For images, the IDX file of the labels; null for a table.</summary>
    public string? LabelsFile { get; init; }

    /// <summary>How the table is read (separator, header, target, dropped columns, names, task); null for IDX images.</summary>
    public CsvOptions? Csv { get; init; }

    /// <summary>Whether it is a table (read like a CSV file) rather than IDX images.</summary>
    public bool IsTable => Csv is not null;

    /// <summary>Opens one of its embedded files (<see cref="File"/>, <see cref="TestFile"/> or <see cref="LabelsFile"/>); the caller disposes the stream.</summary>
    public Stream Open(string file)
    {
        if (file != File && file != TestFile && file != LabelsFile)
            throw new ArgumentException($"{Name}: {file} is not one of its files ({string.Join(", ", new[] { File, TestFile, LabelsFile }.OfType<string>())}).", nameof(file));
        return typeof(DatasetInfo).Assembly.GetManifestResourceStream(System.IO.Path.GetFileName(file))
            ?? throw new InvalidOperationException($"{Name}: {file} is not embedded in {typeof(DatasetInfo).Assembly.GetName().Name}.");
    }
}
