using Backprop.IO;
using Backprop.Tests.Cli;
using Backprop.Tests.Support;

namespace Backprop.Tests.IO;

/// <summary>Valid model files, trained once per test run, to be damaged: iris (classification, 4-…-3) and auto MPG (regression).</summary>
internal static class SavedModels
{
    private static readonly Lazy<byte[]> IrisBytes = new(() => Train(BuiltInCommands.Iris));
    private static readonly Lazy<byte[]> MpgBytes = new(() => Train(BuiltInCommands.AutoMpg("drop")));

    /// <summary>Iris, 1 epoch: columns, scaler, three class names.</summary>
    public static byte[] Iris => IrisBytes.Value;

    /// <summary>Auto MPG, 1 epoch: a target scaler.</summary>
    public static byte[] Mpg => MpgBytes.Value;

    /// <summary>The file with one <c>__metadata__</c> entry replaced (null: removed).</summary>
    public static byte[] WithMetadata(byte[] bytes, string key, string? value)
    {
        var file = SafetensorsFile.Parse(bytes, "model");
        var metadata = file.Metadata.ToDictionary();
        if (value is null) metadata.Remove(key);
        else metadata[key] = value;
        return Bytes(file with { Metadata = metadata });
    }

    /// <summary>The file's metadata entry <paramref name="key"/>.</summary>
    public static string Metadata(byte[] bytes, string key) => SafetensorsFile.Parse(bytes, "model").Metadata[key];

    /// <summary>The bytes the library's writer gives for <paramref name="file"/>.</summary>
    public static byte[] Bytes(SafetensorsFile file)
    {
        using var stream = new MemoryStream();
        file.Write(stream);
        return stream.ToArray();
    }

    private static byte[] Train(string[] data)
    {
        using var dir = new TempDir();
        string path = dir.Path("model.safetensors");
        BuiltInCommands.Train(data, "--out", path, "--epochs", "1");
        return File.ReadAllBytes(path);
    }
}
