using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Parquet;
using Backprop.Playground.Api;
using Backprop.Playground.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
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
    ["playground"] = PlaygroundRequest,
};
// Only refusals are expected; StoreFullException cannot occur with one session in a fresh store.
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

// The playground's request handlers without sockets: line 1 is a settings query (as POST /api/sessions?... and /config carry it), line 2
// an inspector query (layer, from, to, unit, x), the rest an uploaded CSV. A session is made with the settings (or, with a CSV, a small one
// that then takes the upload with them), steps once, and its edge and node are inspected: what the endpoints do after HTTP has been read.
static void PlaygroundRequest(Stream stream)
{
    using var bytes = new MemoryStream();
    stream.CopyTo(bytes);
    var input = bytes.ToArray().AsSpan();
    string settingsQuery = Line(ref input), inspectQuery = Line(ref input);
    var settings = Settings.Parse(SessionEndpoints.Pairs(new QueryCollection(QueryHelpers.ParseQuery(settingsQuery))));
    using var store = new SessionStore(1, TimeSpan.FromMinutes(1));
    var session = input.Length == 0 ? store.Create(settings) : store.Create(Settings.Parse([new("data", "xor"), new("hidden", "2")]));
    if (input.Length > 0) session.Upload(input.ToArray(), "fuzz.csv", settings);
    session.Step();
    var inspect = new QueryCollection(QueryHelpers.ParseQuery(inspectQuery));
    if (inspect.ContainsKey("to")) SessionEndpoints.Edge(session, inspect);
    if (inspect.ContainsKey("unit")) SessionEndpoints.Node(session, inspect);
}

// The text up to the first newline (all of it if none), the input moved past it.
static string Line(ref Span<byte> input)
{
    int end = input.IndexOf((byte)'\n');
    string line = System.Text.Encoding.UTF8.GetString(end < 0 ? input : input[..end]);
    input = end < 0 ? [] : input[(end + 1)..];
    return line;
}
