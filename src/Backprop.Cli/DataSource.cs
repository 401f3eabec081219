namespace Backprop.Cli;

/// <summary>What <c>--data</c> names: a generated set, a delimited text file, or a directory of MNIST IDX files (<c>mnist:DIR</c>).</summary>
internal sealed record DataSource(DataChoice? Generated, string? File, string? MnistDirectory)
{
    public const string MnistPrefix = "mnist:";

    public static DataSource Default { get; } = new(DataChoice.Spirals, null, null);

    public bool IsGenerated => Generated is not null;

    /// <summary>How messages name it: <c>spirals</c>, the file name, or <c>mnist:DIR</c>.</summary>
    public string Name => Generated is { } g ? DataSets.Name(g) : MnistDirectory is { } d ? MnistPrefix + d : Path.GetFileName(File!);

    /// <summary>A generated set's name, <c>mnist:DIR</c>, or else a file path; null with a reason when the text is none of these.</summary>
    public static DataSource? TryParse(string text, out string? error)
    {
        error = null;
        if (DataSets.TryParse(text, out var generated)) return new DataSource(generated, null, null);
        if (text.StartsWith(MnistPrefix, StringComparison.OrdinalIgnoreCase))
        {
            string dir = text[MnistPrefix.Length..];
            if (dir.Length == 0) { error = "mnist: needs a directory, e.g. mnist:data/mnist"; return null; }
            return new DataSource(null, null, dir);
        }
        if (!System.IO.File.Exists(text) && !LooksLikePath(text))
        {
            error = "not a file either (give a data file's path, or mnist:DIR for MNIST IDX files)";
            return null;
        }
        return new DataSource(null, text, null);
    }

    private static bool LooksLikePath(string text) => text.IndexOfAny(['.', '/', '\\']) >= 0;
}
