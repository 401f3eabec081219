using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Backprop.Data;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>
/// What defines a run, saved in each checkpoint (<see cref="Key"/>) and compared when it is resumed: a digest of the data it trains on
/// (and of a --test file, and of the sample weights), the class weights, the seed, the split and the network. Resuming with any of them changed is refused, naming each change, unless
/// <c>--resume-anyway</c>.
/// </summary>
internal static class RunIdentity
{
    /// <summary>The checkpoint metadata entry holding the identity, a JSON object.</summary>
    public const string Key = "run_identity";

    /// <summary>Above this many bytes of rows, a data digest hashes the row count and 4,096 evenly spaced rows instead of every row.</summary>
    public const long FullHashBytes = 256L << 20;

    /// <summary>How many digests this thread has computed (each hashes up to <see cref="FullHashBytes"/> of rows): tests check that a run
    /// without checkpoints computes none.</summary>
    [ThreadStatic] internal static int DigestsOnThisThread;

    /// <summary>Whether a run with <paramref name="checkpointing"/> needs its identity: only when it writes checkpoints or resumes from one.</summary>
    public static bool Needed(CheckpointArguments checkpointing) => checkpointing.Directory is not null || checkpointing.ResumeFrom is not null;

    /// <summary>The identity of a run on <paramref name="data"/> with <paramref name="settings"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(TrainArguments args, TrainSettings settings, TrainData data, IReadOnlyList<int> sizes)
    {
        var c = CultureInfo.InvariantCulture;
        var identity = new Dictionary<string, string>
        {
            ["data"] = Digest(data.All),
            ["seed"] = settings.Seed.ToString(c),
            ["split"] = string.Create(c, $"validation {settings.Split.Validation}, test {(args.TestLast is { } last ? $"last {last} rows" : args.TestFile is not null ? "file" : settings.Split.Test.ToString(c))}"),
            ["network"] = $"layers {string.Join("-", sizes)}, activation {settings.Activation}, scale {settings.Scaling.Name}{args.Regularisation.Describe()}",
        };
        if (args.TestFile is not null) identity["test data"] = Digest(data.Test);
        if (args.ClassWeight is { } classWeights) identity["class weights"] = classWeights; // only when weighted: earlier checkpoints compare equal
        if (data.All.Weights is { } weights)
            identity["sample weights"] = $"column {args.SampleWeight}, sha256 {Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(weights.Span)))[..16]}";
        return identity;
    }

    /// <summary>
    /// Compares <paramref name="now"/> with the identity saved in <paramref name="checkpoint"/>; returns the differences as lines when
    /// <paramref name="anyway"/>, else throws <see cref="UsageException"/> naming them.
    /// </summary>
    public static IReadOnlyList<string> Check(Checkpoint checkpoint, IReadOnlyDictionary<string, string> now, bool anyway)
    {
        Dictionary<string, string>? saved;
        try { saved = JsonSerializer.Deserialize(checkpoint.Metadata.GetValueOrDefault(Key) ?? "null", Backprop.IO.PlainJson.Default.DictionaryStringString); }
        catch (JsonException) { saved = null; }
        string[] changes = saved is null
            ? [$"{checkpoint.Path} records no digest of its data, seed and split (written by an older backprop), so the resumed run cannot be checked against them"]
            : [.. now.Keys.Union(saved.Keys).Where(k => saved.GetValueOrDefault(k) != now.GetValueOrDefault(k))
                .Select(k => $"{k}: {Shown(saved.GetValueOrDefault(k))} in the checkpoint's run, {Shown(now.GetValueOrDefault(k))} now")];
        if (changes.Length == 0 || anyway) return changes;
        throw new UsageException($"--resume {checkpoint.Path}: this run differs from the checkpoint's: {string.Join("; ", changes)}. " +
            "Resume with the run's own data and options, or give --resume-anyway to continue regardless");
    }

    /// <summary>
    /// A digest of the rows: their count, width, classes and SHA-256 of every feature and target value (or, above <see cref="FullHashBytes"/>,
    /// of 4,096 evenly spaced rows), as <c>150 rows x 4, sha256 1a2b3c4d5e6f7a8b</c>.
    /// </summary>
    public static string Digest(Dataset<float> rows)
    {
        DigestsOnThisThread++;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(rows.Count));
        hash.AppendData(BitConverter.GetBytes(rows.Features));
        hash.AppendData(BitConverter.GetBytes(rows.Classes));
        var x = rows.X.Span;
        var y = rows.Y.Span;
        bool sampled = (long)x.Length * sizeof(float) > FullHashBytes;
        if (!sampled)
        {
            hash.AppendData(MemoryMarshal.AsBytes(x));
            hash.AppendData(MemoryMarshal.AsBytes(y));
        }
        else
        {
            int f = rows.Features, w = rows.TargetWidth;
            for (int k = 0; k < 4096; k++)
            {
                int i = (int)((long)k * (rows.Count - 1) / 4095);
                hash.AppendData(MemoryMarshal.AsBytes(x.Slice(i * f, f)));
                hash.AppendData(MemoryMarshal.AsBytes(y.Slice(i * w, w)));
            }
        }
        string hex = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        return string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows x {rows.Features}, sha256 {hex}{(sampled ? " (sampled rows)" : "")}");
    }

    private static string Shown(string? value) => value is null ? "nothing" : $"'{value}'";
}
