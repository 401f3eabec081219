using System.Security.Cryptography;
using Backprop.Datasets;
using Backprop.Tests.Data;

namespace Backprop.Tests.Datasets;

/// <summary>
/// Every file of data/ and every file embedded in Backprop.Datasets has the SHA-256 that data/README.md lists, and the list
/// names every file: a corrupted, converted (line endings) or unlisted copy fails.
/// </summary>
public class DataChecksumTests
{
    /// <summary>The checksum lines of data/README.md: <c>sha256  relative/path</c>, as <c>sha256sum</c> prints them.</summary>
    private static Dictionary<string, string> Listed()
    {
        var lines = File.ReadAllLines(RepoData.Path("README.md"));
        return lines.Select(l => l.Split("  ")).Where(p => p.Length == 2 && p[0].Length == 64 && p[0].All(char.IsAsciiHexDigitLower))
            .ToDictionary(p => p[1], p => p[0]);
    }

    private static string Sha256(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    [Fact]
    public void EveryFileInDataMatchesItsListedChecksum()
    {
        var listed = Listed();
        string root = RepoData.Path("");
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f != "README.md").Order().ToList();
        Assert.Equal(files, listed.Keys.Order());
        foreach (var file in files)
        {
            using var stream = File.OpenRead(RepoData.Path(file));
            Assert.True(listed[file] == Sha256(stream), $"data/{file}: SHA-256 differs from data/README.md");
        }
    }

    [Fact]
    public void EveryEmbeddedFileMatchesItsListedChecksum()
    {
        var listed = Listed();
        var files = BuiltIn.All.SelectMany(d => new[] { d.File, d.TestFile, d.LabelsFile }.OfType<string>().Select(f => (d, f))).ToList();
        Assert.Equal(typeof(BuiltIn).Assembly.GetManifestResourceNames().Order(), files.Select(x => Path.GetFileName(x.f)).Order());
        foreach (var (info, file) in files)
        {
            using var stream = info.Open(file);
            Assert.True(listed[file] == Sha256(stream), $"{file} embedded in Backprop.Datasets: SHA-256 differs from data/README.md");
        }
    }
}
