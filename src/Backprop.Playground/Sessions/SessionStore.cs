using System.Collections.Concurrent;
using System.Security.Cryptography;
using Backprop.Errors;

namespace Backprop.Playground.Sessions;

/// <summary>
/// The open sessions, bounded: at most <see cref="MaxSessions"/> at once, and one not seen for <see cref="IdleTimeout"/> is closed
/// (an open event stream counts as seen), so no page can exhaust the machine.
/// </summary>
public sealed class SessionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Timer _sweep;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>A store closing sessions idle for <paramref name="idleTimeout"/>, holding at most <paramref name="maxSessions"/>.</summary>
    public SessionStore(int maxSessions, TimeSpan idleTimeout)
    {
        if (maxSessions < 1) throw new ArgumentOutOfRangeException(nameof(maxSessions), $"At least one session is needed; got {maxSessions}.");
        if (idleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(idleTimeout), $"The idle timeout must be positive; got {idleTimeout}.");
        MaxSessions = maxSessions;
        IdleTimeout = idleTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond * 30));
        _sweep = new Timer(_ => Sweep(), null, period, period);
    }

    /// <summary>The most sessions open at once.</summary>
    public int MaxSessions { get; }

    /// <summary>How long a session may go unseen before it is closed.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Sessions open now.</summary>
    public int Count => _sessions.Count;

    /// <summary>A new session with <paramref name="settings"/>.</summary>
    /// <exception cref="StoreFullException">All <see cref="MaxSessions"/> are in use.</exception>
    /// <exception cref="BackpropException">The settings do not make a network for their data.</exception>
    /// <exception cref="ObjectDisposedException">The store is closed (the server is stopping).</exception>
    public Session Create(Settings settings)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Sweep();
            if (_sessions.Count >= MaxSessions)
                throw new StoreFullException($"all {MaxSessions} playground sessions are in use; close a tab or wait {IdleTimeout.TotalMinutes:0.#} minutes for an idle one to end");
            var session = new Session(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), settings);
            _sessions[session.Id] = session;
            return session;
        }
    }

    /// <summary>The session called <paramref name="id"/>, marked as seen.</summary>
    /// <exception cref="BackpropException">No such session (never made, or closed after being idle).</exception>
    public Session Get(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
            throw BackpropException.BadSetting($"no session '{id}' (sessions idle for {IdleTimeout.TotalMinutes:0.#} minutes are closed); reload the page");
        session.Touch();
        return session;
    }

    /// <summary>Closes the session called <paramref name="id"/>, if open.</summary>
    public void Close(string id)
    {
        if (_sessions.TryRemove(id, out var session)) session.Dispose();
    }

    /// <summary>Closes every session.</summary>
    public void Dispose()
    {
        lock (_gate) _disposed = true; // no session is made after this
        _sweep.Dispose();
        foreach (var id in _sessions.Keys) Close(id);
    }

    private void Sweep()
    {
        var cutoff = DateTime.UtcNow - IdleTimeout;
        foreach (var (id, session) in _sessions)
            if (session.LastSeen < cutoff) Close(id);
    }
}
