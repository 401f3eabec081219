namespace Backprop.Tests.Data;

/// <summary>The repository's <c>data/</c> folder: found by walking up from the test binaries to the folder that holds Backprop.slnx.</summary>
internal static class RepoData
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The repository's root folder.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The full path of a file under data/, e.g. <c>iris/iris.data</c>.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, "data", relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Backprop.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Backprop.slnx above {AppContext.BaseDirectory}.");
    }
}
