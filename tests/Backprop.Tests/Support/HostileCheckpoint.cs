using Backprop.IO;
using Backprop.Training;

namespace Backprop.Tests.Support;

/// <summary>Edits a checkpoint file as an attacker would: its metadata and tensors changed, its checksum recomputed so it still loads.</summary>
internal static class HostileCheckpoint
{
    public static void Rewrite(string path, Action<Dictionary<string, string>> metadata, Func<SafetensorsTensor, SafetensorsTensor>? tensor = null)
    {
        var file = SafetensorsFile.Read(path, finiteValues: false);
        var meta = new Dictionary<string, string>(file.Metadata);
        metadata(meta);
        var tensors = file.Tensors.Select(tensor ?? (t => t)).ToList();
        meta["checksum"] = Checkpoint.Checksum(new SafetensorsFile(tensors, meta));
        using var stream = File.Create(path);
        new SafetensorsFile(tensors, meta).Write(stream);
    }

    /// <summary>The run's saved options with <paramref name="extra"/> tokens added, as a hostile checkpoint would carry.</summary>
    public static void AddArguments(string path, params string[] extra) => Rewrite(path, meta =>
    {
        var saved = System.Text.Json.JsonSerializer.Deserialize<string[]>(meta["user.train_arguments"])!;
        meta["user.train_arguments"] = System.Text.Json.JsonSerializer.Serialize(saved.Concat(extra).ToArray());
    });
}
