using Backprop.Errors;

namespace Backprop.IO;

/// <summary>
/// The checks before a reader opens a file it was given: it exists, it is not a directory, and it is not empty (a pipe or
/// device reports 0 bytes, so it is refused before opening it could block or read for ever).
/// </summary>
public static class InputFile
{
    /// <summary>The length of the file at <paramref name="path"/>; a refusal naming it when it is missing, a directory, empty or not a regular file.</summary>
    /// <param name="path">The user's path, as given.</param>
    /// <param name="format">The format, for the message: "a safetensors file".</param>
    /// <exception cref="BackpropException">Missing, a directory, empty or not a regular file.</exception>
    public static long Length(string path, string format)
    {
        if (Directory.Exists(path)) throw BackpropException.BadInput($"{path}: is a directory, not {format}.");
        var info = new FileInfo(path);
        if (!info.Exists) throw BackpropException.BadInput($"{path}: file not found.");
        if (info.Length == 0) throw BackpropException.BadInput($"{path}: not {format}: 0 bytes (an empty file, or a pipe or device, which are not read).");
        return info.Length;
    }
}
