using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Backprop.Errors;

namespace Backprop.Data;

/// <summary>
/// The checks before a reader opens a file it was given: it exists and it is a regular file. A directory, FIFO, device or socket
/// is refused by name before it is opened, so reading can neither block on a pipe nor run on for ever through a device.
/// </summary>
internal static partial class InputFile
{
    /// <summary>Refuses <paramref name="path"/> unless it is an existing regular file.</summary>
    /// <param name="path">The user's path, as given.</param>
    /// <param name="format">The format, for the message: "a safetensors file".</param>
    /// <exception cref="BackpropException">Missing, a directory or not a regular file.</exception>
    public static void Check(string path, string format)
    {
        if (Directory.Exists(path)) throw BackpropException.BadInput($"{path}: is a directory, not {format}.");
        if (!File.Exists(path)) throw BackpropException.BadInput($"{path}: file not found.");
        if (Kind(path) is { } kind and not "regular file")
            throw BackpropException.BadInput($"{path}: is a {kind}, not a regular file; only regular files are read.");
    }

    /// <summary>The length of the regular file at <paramref name="path"/>; refused when it is not one (<see cref="Check"/>) or is empty.</summary>
    /// <exception cref="BackpropException">Missing, a directory, empty or not a regular file.</exception>
    public static long Length(string path, string format)
    {
        Check(path, format);
        long length = new FileInfo(path).Length;
        if (length == 0) throw BackpropException.BadInput($"{path}: not {format}: the file is empty.");
        return length;
    }

    /// <summary>Opens the regular file at <paramref name="path"/> for reading, after <see cref="Check"/>.</summary>
    /// <exception cref="BackpropException">Not a regular file, or it cannot be opened; the message names it.</exception>
    public static FileStream OpenRead(string path, string format)
    {
        Check(path, format);
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (FileError.IsFromSystem(e))
        {
            throw BackpropException.BadInput($"{path}: cannot be opened for reading ({FileError.Reason(e, path)}).", e);
        }
    }

    /// <summary>
    /// Whether two paths name one file: the same device and inode, so hard links and symbolic links count as the same. False when
    /// either does not exist, or where the system cannot be asked (not Linux).
    /// </summary>
    public static bool SameFile(string a, string b) => Identity(a) is { } x && Identity(b) is { } y && x == y;

    // (inode, device major, device minor) from statx(2), following symbolic links; null when it cannot be had.
    private static (ulong, uint, uint)? Identity(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        Span<byte> status = stackalloc byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, path, 0, StatxType | StatxInode, status) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return null; }
        return (BinaryPrimitives.ReadUInt64LittleEndian(status[StatxInodeOffset..]), BinaryPrimitives.ReadUInt32LittleEndian(status[StatxDeviceOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(status[(StatxDeviceOffset + 4)..]));
    }

    // The kind of file from statx(2)'s mode on Linux; elsewhere a non-empty file counts as regular and an empty one is left to the reader.
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

    private const int AtCurrentDirectory = -100, StatxModeOffset = 28, StatxInodeOffset = 32, StatxDeviceOffset = 136;
    private const uint StatxType = 1, StatxInode = 0x100;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> status);
}
