namespace Backprop.Tests.Cli;

/// <summary>A temporary directory for spec files and plots, removed when disposed.</summary>
internal sealed class TempFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("backprop-cli-").FullName;

    /// <summary>Writes <paramref name="text"/> to a file named <paramref name="name"/> here and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
