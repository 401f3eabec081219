using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using Backprop.Errors;
using Backprop.IO;

namespace Backprop.Training;

/// <summary>
/// A directory of checkpoints named by their position, <c>checkpoint-e000012-s000000.safetensors</c> (epoch 12 not yet begun), so the
/// newest sorts last: written atomically, the oldest beyond the number to keep deleted, and read back newest first, passing over damaged files.
/// Only files named exactly so are checkpoints, and rotation deletes only those its own run wrote (the run id in their header, kept by a resumed run).
/// </summary>
public static partial class CheckpointDirectory
{
    private const string Prefix = "checkpoint-e", Suffix = ".safetensors";

    /// <summary>
    /// Writes <paramref name="checkpoint"/> into <paramref name="directory"/> (made when missing), then deletes all but the newest
    /// <paramref name="keep"/> up to it, and any that sort after it (a continuation abandoned by resuming from an older one), of its own
    /// run only; returns its path.
    /// </summary>
    public static string Write(string directory, Checkpoint checkpoint, int keep = CheckpointOptions.DefaultKeep)
    {
        if (File.Exists(directory)) throw BackpropException.BadSetting($"{directory}: is a file, not a checkpoint directory.");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{checkpoint.Epoch:D6}-s{checkpoint.Step:D6}{Suffix}"));
        checkpoint.Save(path);
        var files = Files(directory).Where(f => RunOf(f) == checkpoint.RunId).ToList();
        int upTo = files.Count(f => string.CompareOrdinal(f, path) <= 0);
        foreach (var old in files.Take(upTo).SkipLast(keep).Concat(files.Skip(upTo))) File.Delete(old);
        return path;
    }

    /// <summary>
    /// Refuses a directory holding checkpoints of a run other than <paramref name="runId"/>: two runs in one directory would delete
    /// each other's checkpoints, and <c>--resume</c> would continue whichever is newest.
    /// </summary>
    public static void CheckOwnedBy(string directory, string runId)
    {
        if (!Directory.Exists(directory)) return;
        if (Files(directory).FirstOrDefault(f => RunOf(f) != runId) is { } other)
            throw BackpropException.BadSetting($"{directory}: holds checkpoints of another run ({Path.GetFileName(other)}); resume that run, or give another checkpoint directory.");
    }

    /// <summary>
    /// The newest checkpoint of <paramref name="directory"/> that loads; damaged newer ones are passed over and listed in
    /// <see cref="Checkpoint.Skipped"/>. Throws <see cref="BackpropException"/> when there is none, or none that loads.
    /// </summary>
    public static Checkpoint Newest(string directory)
    {
        if (!Directory.Exists(directory)) throw BackpropException.BadInput($"{directory}: no such checkpoint directory.");
        var skipped = new List<string>();
        foreach (var path in Files(directory).Reverse())
        {
            Checkpoint checkpoint;
            try { checkpoint = Checkpoint.Load(path); }
            catch (BackpropException e) { skipped.Add(e.Message); continue; }
            checkpoint.Skipped = skipped;
            return checkpoint;
        }
        throw BackpropException.BadInput(skipped.Count == 0 ? $"{directory}: holds no checkpoint ({Prefix}NNNNNN-sNNNNNN{Suffix})."
            : $"{directory}: no checkpoint loads; the newest: {skipped[0]}");
    }

    /// <summary>The checkpoint files of <paramref name="directory"/> (named <c>checkpoint-eNNNNNN-sNNNNNN.safetensors</c>, nothing else), oldest first.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        [.. Directory.EnumerateFiles(directory, $"{Prefix}*{Suffix}").Where(f => Name().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal)];

    /// <summary>The run id in a checkpoint file's header, read without its data; null when the file has none or is no safetensors file.</summary>
    internal static string? RunOf(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (stream.Length < 8) return null;
            var first = new byte[8];
            stream.ReadExactly(first);
            ulong n = BinaryPrimitives.ReadUInt64LittleEndian(first);
            if (n > 1 << 20 || (long)n > stream.Length - 8) return null; // a checkpoint's header is small; a larger one is not ours
            var header = new byte[n];
            stream.ReadExactly(header);
            return SafetensorsHeader.Parse(header, stream.Length - 8 - (long)n, path).Metadata.GetValueOrDefault(Checkpoint.RunKey);
        }
        catch (Exception e) when (e is BackpropException || FileError.IsFromSystem(e)) { return null; }
    }

    [GeneratedRegex(@"^checkpoint-e\d{6,10}-s\d{6,10}\.safetensors$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
