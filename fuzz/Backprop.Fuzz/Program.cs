using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Parquet;
using SharpFuzz;

// Coverage-guided fuzzing of Backprop's readers under afl-fuzz (docs/fuzzing.md): `dotnet Backprop.Fuzz.dll TARGET`
// reads one input from stdin (or many, from afl-fuzz) and hands it to the reader TARGET names. A BackpropException is
// the reader refusing the input, as it should; any other exception escapes and afl-fuzz records the input as a crash.
var targets = new Dictionary<string, Action<Stream>>
{
    ["model"] = LoadModel,
    ["csv"] = stream => Csv.Load<float>(stream, "fuzz.csv"),
    ["idx"] = stream => Idx.Read(stream, "fuzz.idx"),
    ["spec"] = stream => NetworkSpec.Parse(new StreamReader(stream).ReadToEnd(), "fuzz.json"),
    ["parquet"] = stream => ThroughFile(stream, ".parquet", path => ParquetTable.Load<float>(path)),
};
if (args.Length != 1 || !targets.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: dotnet Backprop.Fuzz.dll {string.Join('|', targets.Keys)} < input");
    return 2;
}
bool alone = Environment.GetEnvironmentVariable("__AFL_SHM_ID") is null; // run by hand: say what became of the input
Fuzzer.OutOfProcess.Run(stream =>
{
    try
    {
        target(stream);
        if (alone) Console.Error.WriteLine("loaded");
    }
    catch (BackpropException e) when (alone) { Console.Error.WriteLine($"refused: {e.Message}"); }
    catch (BackpropException) { }
});
return 0;

// The model reader takes a path (as `predict --model` does): the input goes to a temporary file first.
static void LoadModel(Stream stream) => ThroughFile(stream, ".safetensors", path => ModelFile.Load<float>(path));

// Readers that take a path (the model file, Parquet): the input is written to a temporary file with the reader's extension first.
static void ThroughFile(Stream stream, string extension, Action<string> read)
{
    string path = Path.Combine(Path.GetTempPath(), $"backprop-fuzz-{Environment.ProcessId}{extension}");
    try
    {
        using (var file = File.Create(path)) stream.CopyTo(file);
        read(path);
    }
    finally { File.Delete(path); }
}
