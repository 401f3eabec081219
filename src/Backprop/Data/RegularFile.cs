using System.Runtime.InteropServices;
using Backprop.Errors;

namespace Backprop.Data;

/// <summary>
/// Opens data files for reading, refusing by name, before opening, anything that is not a regular file: a directory,
/// a FIFO (opening it would wait for a writer for ever), a device (<c>/dev/zero</c> never ends) or a socket.
/// </summary>
internal static partial class RegularFile
{
    /// <summary>Opens <paramref name="path"/> for reading; a missing path or one that is not a regular file is a <see cref="BackpropException"/>.</summary>
    public static FileStream OpenRead(string path)
    {
        Check(path);
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BackpropException.BadInput($"{path}: cannot be opened for reading ({e.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)}).", e);
        }
    }

    /// <summary>Throws unless <paramref name="path"/> names an existing regular file (symbolic links are followed).</summary>
    public static void Check(string path)
    {
        if (Directory.Exists(path)) throw BackpropException.BadInput($"{path}: is a directory, not a data file.");
        if (!File.Exists(path)) throw BackpropException.BadInput($"{path}: file not found.");
        if (Kind(path) is { } kind and not "regular file")
            throw BackpropException.BadInput($"{path}: is a {kind}, not a regular file; only regular files are read.");
    }

    /// <summary>What kind of file <paramref name="path"/> is ("regular file", "FIFO", ...) by statx(2) on Linux; null where that cannot be asked.</summary>
    private static string? Kind(string path)
    {
        if (!OperatingSystem.IsLinux()) return new FileInfo(path).Length > 0 ? "regular file" : null;
        Span<byte> status = stackalloc byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, path, 0, StatxType, status) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return null; }
        int mode = status[StatxModeOffset] | status[StatxModeOffset + 1] << 8; // stx_mode: a little-endian u16 at offset 28
        return (mode & 0xF000) switch
        {
            0x8000 => "regular file",
            0x4000 => "directory",
            0x1000 => "FIFO (named pipe)",
            0x2000 => "character device",
            0x6000 => "block device",
            0xC000 => "socket",
            _ => "special file",
        };
    }

    private const int AtCurrentDirectory = -100, StatxModeOffset = 28;
    private const uint StatxType = 1;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> status);
}
