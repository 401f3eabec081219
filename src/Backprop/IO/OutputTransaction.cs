using Backprop.Errors;

namespace Backprop.IO;

/// <summary>
/// The files one run writes, all or none: each is written (<see cref="Stage"/>) to a temporary file next to its target, and
/// <see cref="Commit"/> renames them all into place once every one succeeded; disposed without a commit, the temporary files
/// are removed and no target is touched. While it is <see cref="Current"/> (from <see cref="Begin"/> to <see cref="Dispose"/>),
/// <see cref="AtomicFile.Write"/> stages into it, so every writer that saves through <see cref="AtomicFile"/> takes part.
/// A device such as <c>/dev/null</c> or <c>/dev/stdout</c> has no file to replace: it is written directly when staged.
/// </summary>
internal sealed class OutputTransaction : IDisposable
{
    private static readonly AsyncLocal<OutputTransaction?> Ambient = new();

    private readonly OutputTransaction? _outer;
    private readonly List<StagedFile> _files = [];
    private bool _disposed;

    private OutputTransaction(OutputTransaction? outer) => _outer = outer;

    // Path as the user gave it (for messages), its full path, and the temporary written in its place (the path itself for a device).
    // Filled: written by Stage, or handed to a writer by Reserve(path, filled: true); a reservation never filled is not renamed.
    private sealed record StagedFile(string Path, string Full, string Temp)
    {
        public bool Filled { get; set; }

        public bool IsDevice => Temp == Full;
    }

    /// <summary>The transaction <see cref="AtomicFile.Write"/> stages into on this flow of execution, if one is open.</summary>
    public static OutputTransaction? Current => Ambient.Value;

    /// <summary>Opens a transaction and makes it <see cref="Current"/> until it is disposed.</summary>
    public static OutputTransaction Begin()
    {
        var transaction = new OutputTransaction(Ambient.Value);
        Ambient.Value = transaction;
        return transaction;
    }

    /// <summary>
    /// Creates <paramref name="path"/>'s temporary file now, so an unwritable or missing location fails before any work, and returns
    /// its name. With <paramref name="filled"/>, for a writer that fills the file over time (a training log), it is committed with the
    /// rest; otherwise only once <see cref="Stage"/> has written it (a reservation never written leaves its target untouched).
    /// Reserving again returns the same name.
    /// </summary>
    /// <exception cref="Errors.BackpropException">The location cannot be written; the message names <paramref name="path"/>.</exception>
    public string Reserve(string path, bool filled = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string full = System.IO.Path.GetFullPath(path);
        if (_files.Find(f => f.Full == full) is { } staged)
        {
            staged.Filled |= filled;
            return staged.Temp;
        }
        var file = new StagedFile(path, full, AtomicFile.IsDevice(full) ? full : AtomicFile.CreateTemporary(path, full)) { Filled = filled };
        _files.Add(file);
        return file.Temp;
    }

    /// <summary>Writes <paramref name="path"/>'s content through <paramref name="write"/> to its temporary file and flushes it to disk; on failure the temporary is removed.</summary>
    /// <exception cref="Errors.BackpropException">The file cannot be written (permission, full device...); the message names <paramref name="path"/>, never the temporary.</exception>
    public void Stage(string path, Action<Stream> write)
    {
        string temp = Reserve(path);
        var file = _files.Find(f => f.Temp == temp)!;
        try
        {
            using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write);
            write(stream);
            if (!file.IsDevice) stream.Flush(flushToDisk: true);
            file.Filled = true;
        }
        catch (Exception e)
        {
            _files.Remove(file);
            if (!file.IsDevice) AtomicFile.Remove(temp);
            if (FileError.IsFromSystem(e)) throw FileError.Writing(path, e);
            throw;
        }
    }

    /// <summary>Renames every staged file over its target, in the order staged; the transaction stays open for more.</summary>
    /// <exception cref="Errors.BackpropException">A rename failed; the message names the target. Files renamed before it stay renamed.</exception>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_files.Count > 0)
        {
            var file = _files[0];
            try
            {
                if (file.IsDevice) { }
                else if (file.Filled) AtomicFile.Commit(file.Temp, file.Full);
                else AtomicFile.Remove(file.Temp);
            }
            catch (Exception e) when (FileError.IsFromSystem(e)) { throw FileError.Writing(file.Path, e); }
            _files.RemoveAt(0);
        }
    }

    /// <summary>The user's path for one of this transaction's temporary files (to name it in a message), else <paramref name="path"/> unchanged.</summary>
    public string UserPathOf(string path) => _files.Find(f => f.Temp == path)?.Path ?? path;

    /// <summary>Removes the temporary files not committed (their targets untouched) and restores the enclosing transaction as <see cref="Current"/>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var file in _files.Where(f => !f.IsDevice)) AtomicFile.Remove(file.Temp);
        _files.Clear();
        if (Ambient.Value == this) Ambient.Value = _outer;
    }
}
