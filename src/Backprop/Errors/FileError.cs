namespace Backprop.Errors;

/// <summary>What the operating system's refusal to read or write a file means, in a few words of our own (never .NET's text).</summary>
internal static class FileError
{
    // Linux errno values .NET passes through as IOException.HResult, and the Windows HRESULTs of the same problems.
    private const int NoSpace = 28, ReadOnlyFileSystem = 30, IsDirectory = 21, NotDirectory = 20, QuotaExceeded = 122, InputOutput = 5, TooManyOpen = 24;
    private const int WinDiskFull = unchecked((int)0x80070070), WinHandleDiskFull = unchecked((int)0x80070027), WinWriteProtect = unchecked((int)0x80070013),
        WinSharing = unchecked((int)0x80070020), WinExists = unchecked((int)0x80070050);

    /// <summary>
    /// The problem behind <paramref name="e"/> (an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>), e.g.
    /// "permission denied" or "no space left on the device"; <paramref name="path"/>, when known, tells a directory from a denied file.
    /// </summary>
    public static string Reason(Exception e, string? path = null) => e switch
    {
        UnauthorizedAccessException when path is not null && Directory.Exists(path) => "it is a directory",
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException => "file not found",
        DirectoryNotFoundException => "its directory does not exist",
        PathTooLongException => "the name is too long",
        IOException { HResult: NoSpace or WinDiskFull or WinHandleDiskFull } => "no space left on the device",
        IOException { HResult: QuotaExceeded } => "disk quota exceeded",
        IOException { HResult: ReadOnlyFileSystem or WinWriteProtect } => "the file system is read-only",
        IOException { HResult: IsDirectory } => "it is a directory",
        IOException { HResult: NotDirectory } => "a part of the path is not a directory",
        IOException { HResult: InputOutput } => "the device reported an input/output error",
        IOException { HResult: TooManyOpen } => "too many files are open",
        IOException { HResult: WinSharing } => "another process is using it",
        IOException { HResult: WinExists } => "it already exists",
        _ => $"the system refused it (error {e.HResult})",
    };

    /// <summary>The refusal to report when <paramref name="path"/> (the user's name for it, never a temporary's) cannot be written.</summary>
    public static BackpropException Writing(string path, Exception e) => BackpropException.BadInput($"cannot write {path}: {Reason(e, path)}", e);

    /// <summary>Whether <paramref name="e"/> comes from the operating system's file calls.</summary>
    public static bool IsFromSystem(Exception e) => e is IOException or UnauthorizedAccessException;
}
