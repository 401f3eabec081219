namespace Backprop.Bench;

/// <summary>Finds the project's shared data folder: $BACKPROP_DATA, or the first <c>shared/data</c> beside an ancestor of the working directory.</summary>
internal static class SharedData
{
    public static string Folder(string name)
    {
        var configured = Environment.GetEnvironmentVariable("BACKPROP_DATA");
        if (!string.IsNullOrEmpty(configured)) return Path.Combine(configured, name);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"shared/data/{name} not found above {Directory.GetCurrentDirectory()}; set BACKPROP_DATA.");
    }
}
