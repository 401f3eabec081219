// What each package .ci/pack made must hold, read with .NET's own zip reader (a CI machine with only the .NET SDK has
// no unzip and may have no Python). A file-based app: dotnet run .ci/PackCheck.cs -- FOLDER VERSION [ORIGIN [RID]]
// (ORIGIN: the git origin's URL; when https, every nuspec must name it as its <repository>; RID: the platforms whose native tool
// packages were made, if any, joined by ';'). Exit 1 naming the first gap.
using System.IO.Compression;
using System.Text;

if (args.Length is < 2 or > 4) return Fail("usage: dotnet run .ci/PackCheck.cs -- FOLDER VERSION [ORIGIN [RID]]");
string folder = args[0], version = args[1], origin = args.Length > 2 ? args[2] : "";
string[] natives = args.Length > 3 ? args[3].Split(';', StringSplitOptions.RemoveEmptyEntries) : [];
string[] libraries = ["Backprop", "Backprop.Parquet", "Backprop.Onnx", "Backprop.Datasets", "Backprop.MLNet"];
try
{
    string[] tool = ["Backprop.Cli", "Backprop.Cli.any", .. natives.Select(rid => $"Backprop.Cli.{rid}")];
    foreach (var id in (string[])[.. libraries, .. tool])
    {
        var nuspec = Text(Package(id), $"{id}.nuspec");
        string[] tags = ["<readme>README.md</readme>", "<license type=\"expression\">MIT", "<authors>Backprop maintainers</authors>"];
        if (origin.StartsWith("https://", StringComparison.Ordinal)) tags = [.. tags, $"<repository type=\"git\" url=\"{origin}\""];
        foreach (var tag in tags.Where(t => !nuspec.Contains(t, StringComparison.Ordinal))) throw new InvalidDataException($"{id}.nuspec lacks {tag}");
    }
    foreach (var id in libraries)
    {
        Holds(Package(id), "README.md", "LICENSE", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml");
        Holds(Package(id, "snupkg"), $"lib/net10.0/{id}.pdb");
    }
    // The core depends on the tensors and the CSV parser only; Parquet and ONNX bring their own dependencies.
    Depends("Backprop", "Sylvan.Data.Csv", "System.Numerics.Tensors");
    Depends("Backprop.Parquet", "Backprop", "Parquet.Net", "Snappier", "ZstdSharp.Port");
    Depends("Backprop.Onnx", "Backprop", "Google.Protobuf");
    Holds(Package("Backprop.Datasets"), "data/README.md");
    var datasets = Bytes(Package("Backprop.Datasets"), "lib/net10.0/Backprop.Datasets.dll");
    foreach (var set in (string[])["iris.data", "wdbc.data", "t10k-images-idx3-ubyte.gz"])
        if (datasets.AsSpan().IndexOf(Encoding.UTF8.GetBytes(set)) < 0) throw new InvalidDataException($"Backprop.Datasets.dll does not embed {set}");
    // The tool: a top-level package naming a package per platform, the framework-dependent one ("any") and the native ones made.
    var settings = Text(Package("Backprop.Cli"), "tools/any/any/DotnetToolSettings.xml");
    // (Only the platforms packed with it: one named without its package would fail to install instead of taking "any".)
    foreach (var rid in (string[])["linux-x64", .. natives, "any"])
        if (!settings.Contains($"<RuntimeIdentifierPackage RuntimeIdentifier=\"{rid}\" Id=\"Backprop.Cli.{rid}\"", StringComparison.Ordinal))
            throw new InvalidDataException($"the tool's top-level package names no package for {rid}");
    Holds(Package("Backprop.Cli.any"), "tools/net10.0/any/DotnetToolSettings.xml", "tools/net10.0/any/Backprop.Cli.dll", "README.md", "LICENSE");
    Holds(Package("Backprop.Cli.any", "snupkg"), "tools/net10.0/any/Backprop.Cli.pdb");
    // A native package: backprop, and backprop-playground beside it (the full tool, which serves `backprop playground`).
    foreach (var native in natives)
    {
        string exe = native.StartsWith("win", StringComparison.Ordinal) ? ".exe" : "";
        Holds(Package($"Backprop.Cli.{native}"), $"tools/any/{native}/DotnetToolSettings.xml", $"tools/any/{native}/Backprop.Cli{exe}", $"tools/any/{native}/backprop-playground{exe}");
        LacksAny(Package($"Backprop.Cli.{native}"), ".dbg", ".pdb"); // debug symbols: tens of MB nothing in the tool reads
    }
    // A Linux native tool draws its plots with the SkiaSharp and HarfBuzzSharp libraries of its own architecture, beside it.
    foreach (var native in natives.Where(rid => rid.StartsWith("linux-", StringComparison.Ordinal)))
        Holds(Package($"Backprop.Cli.{native}"), $"tools/any/{native}/libSkiaSharp.so", $"tools/any/{native}/libHarfBuzzSharp.so");
    var settingsFiles = new List<(string Id, string Path)> { ("Backprop.Cli", "tools/any/any"), ("Backprop.Cli.any", "tools/net10.0/any") };
    settingsFiles.AddRange(natives.Select(native => ($"Backprop.Cli.{native}", $"tools/any/{native}")));
    foreach (var (id, path) in settingsFiles)
        if (!Text(Package(id), $"{path}/DotnetToolSettings.xml").Contains("<Command Name=\"backprop\"", StringComparison.Ordinal))
            throw new InvalidDataException($"{id}: the tool's command is not backprop");
}
catch (Exception e) when (e is InvalidDataException or IOException) { return Fail(e.Message); }
Console.WriteLine($"pack: the packages {version} hold what they should{(origin.StartsWith("https://", StringComparison.Ordinal) ? $" (repository {origin})" : "")}");
return 0;

string Package(string id, string extension = "nupkg") => Path.Combine(folder, $"{id}.{version}.{extension}");

// The package ids a nuspec's <dependency id="..."> elements name must be exactly `expected`.
void Depends(string id, params string[] expected)
{
    var nuspec = System.Xml.Linq.XDocument.Parse(Text(Package(id), $"{id}.nuspec").TrimStart('\uFEFF')); // the byte order mark the nuspec starts with
    string[] found = [.. nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).Distinct().Order(StringComparer.Ordinal)];
    if (!found.SequenceEqual(expected.Order(StringComparer.Ordinal)))
        throw new InvalidDataException($"{id} depends on {string.Join(", ", found)}; expected {string.Join(", ", expected)}");
}

static void Holds(string package, params string[] entries)
{
    using var zip = ZipFile.OpenRead(package);
    foreach (var entry in entries.Where(e => zip.GetEntry(e) is null)) throw new InvalidDataException($"{Path.GetFileName(package)} lacks {entry}");
}

static void LacksAny(string package, params string[] extensions)
{
    using var zip = ZipFile.OpenRead(package);
    foreach (var entry in zip.Entries.Where(e => extensions.Any(x => e.FullName.EndsWith(x, StringComparison.OrdinalIgnoreCase))))
        throw new InvalidDataException($"{Path.GetFileName(package)} holds {entry.FullName} ({entry.Length / 1_000_000} MB)");
}

static byte[] Bytes(string package, string entry)
{
    using var zip = ZipFile.OpenRead(package);
    using var stream = (zip.GetEntry(entry) ?? throw new InvalidDataException($"{Path.GetFileName(package)} lacks {entry}")).Open();
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    return copy.ToArray();
}

static string Text(string package, string entry) => Encoding.UTF8.GetString(Bytes(package, entry));

static int Fail(string message)
{
    Console.Error.WriteLine($"pack: {message}");
    return 1;
}
