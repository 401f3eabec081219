using Backprop.Datasets;

namespace Backprop.Cli.Common;

/// <summary>
/// What <c>--data</c> names: a generated set, a built-in data set, a delimited text file, or a directory of MNIST IDX files (<c>mnist:DIR</c>).
/// The names of generated and built-in sets are reserved: a file called <c>iris</c> is read as <c>./iris</c>.
/// </summary>
internal sealed record DataSource(GeneratedSet? Generated, string? File, string? MnistDirectory, DatasetInfo? BuiltIn = null)
{
    public const string MnistPrefix = "mnist:";

    public static DataSource Default { get; } = new(GeneratedSet.Spirals, null, null);

    public bool IsGenerated => Generated is not null;

    /// <summary>Whether the data has columns that --target, --task, --separator, --header, --drop and --missing can describe: a file or a built-in table.</summary>
    public bool HasColumns => !IsGenerated && !IsImages;

    /// <summary>MNIST images (from a directory or built in), which have no columns.</summary>
    public bool IsImages => MnistDirectory is not null || BuiltIn is { IsTable: false };

    /// <summary>How messages name it: <c>spirals</c>, <c>iris</c>, the file name, or <c>mnist:DIR</c>.</summary>
    public string Name => Generated is { } g ? GeneratedSets.Name(g) : BuiltIn is { } b ? b.Name : MnistDirectory is { } d ? MnistPrefix + d : Path.GetFileName(File!);

    /// <summary>Every name <c>--data</c> takes besides files: the generated sets, then the built-in ones.</summary>
    public static string KnownNames => $"a generated set ({string.Join(", ", GeneratedSets.Names)}), a built-in data set ({string.Join(", ", Backprop.Datasets.BuiltIn.All.Select(d => d.Name))})";

    /// <summary>A generated set's name, a built-in set's name, <c>mnist:DIR</c>, or else a file path; null with a reason when the text is none of these.</summary>
    public static DataSource? TryParse(string text, out string? error)
    {
        error = null;
        if (GeneratedSets.TryParse(text, out var generated)) return new DataSource(generated, null, null);
        if (Backprop.Datasets.BuiltIn.TryFind(text, out var builtIn)) return new DataSource(null, null, null, builtIn);
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
