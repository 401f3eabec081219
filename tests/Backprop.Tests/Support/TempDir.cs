namespace Backprop.Tests.Support;

/// <summary>A fresh temporary directory for the files a test reads and writes, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    /// <summary>The directory's full path.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("backprop-tests-").FullName;

    /// <summary>The path of <paramref name="name"/> in the directory (the file need not exist).</summary>
    public string Path(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>Writes <paramref name="text"/> to a file in the directory and returns its path.</summary>
    public string File(string name, string text)
    {
        string path = Path(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The names of the files in the directory (to check that a failed run wrote nothing).</summary>
    public string[] Files => [.. Directory.GetFiles(Root).Select(f => System.IO.Path.GetFileName(f)!).Order()];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
