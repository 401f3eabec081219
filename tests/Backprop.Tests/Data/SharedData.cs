namespace Backprop.Tests.Data;

/// <summary>Finds the shared, read-only data sets: the first <c>shared/data</c> above the working directory or the test binaries.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The full path of a file under shared/data, e.g. <c>iris/iris.data</c>.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate)) return candidate;
            }
        throw new DirectoryNotFoundException($"No shared/data above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }
}
