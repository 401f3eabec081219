using System.Globalization;
using Backprop.Errors;

namespace Backprop.Training;

/// <summary>
/// A directory of checkpoints named by their position, <c>checkpoint-e000012-s000000.safetensors</c> (epoch 12 not yet begun), so the
/// newest sorts last: written atomically, the oldest beyond the number to keep deleted, and read back newest first, passing over damaged files.
/// </summary>
public static class CheckpointDirectory
{
    private const string Prefix = "checkpoint-e", Suffix = ".safetensors";

    /// <summary>
    /// Writes <paramref name="checkpoint"/> into <paramref name="directory"/> (made when missing), then deletes all but the newest
    /// <paramref name="keep"/> up to it, and any that sort after it (a continuation abandoned by resuming from an older one); returns its path.
    /// </summary>
    public static string Write(string directory, Checkpoint checkpoint, int keep = CheckpointOptions.DefaultKeep)
    {
        if (File.Exists(directory)) throw BackpropException.BadSetting($"{directory}: is a file, not a checkpoint directory.");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{checkpoint.Epoch:D6}-s{checkpoint.Step:D6}{Suffix}"));
        checkpoint.Save(path);
        var files = Files(directory);
        int upTo = files.Count(f => string.CompareOrdinal(f, path) <= 0);
        foreach (var old in files.Take(upTo).SkipLast(keep).Concat(files.Skip(upTo))) File.Delete(old);
        return path;
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
        throw BackpropException.BadInput(skipped.Count == 0 ? $"{directory}: holds no checkpoint ({Prefix}*{Suffix})."
            : $"{directory}: no checkpoint loads; the newest: {skipped[0]}");
    }

    /// <summary>The checkpoint files of <paramref name="directory"/>, oldest first.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        [.. Directory.EnumerateFiles(directory, $"{Prefix}*{Suffix}").Order(StringComparer.Ordinal)];
}
