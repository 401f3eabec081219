using System.Collections.Concurrent;
using System.Security.Cryptography;
using Backprop.Errors;

namespace Backprop.Playground.Sessions;

/// <summary>
/// The open sessions, bounded: at most <see cref="MaxSessions"/> at once and <see cref="MaxPerClient"/> of one client, at most
/// <see cref="StreamsPerSession"/> event streams on each, and one not seen for <see cref="IdleTimeout"/> is closed (an open event stream
/// counts as seen), so no page can exhaust the machine.
/// </summary>
public sealed class SessionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Timer _sweep;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>The most event streams open at once on one session (a tab holds one; a reconnecting tab may briefly hold two).</summary>
    public const int StreamsPerSession = 2;

    private int _streams;

    /// <summary>
    /// A store closing sessions idle for <paramref name="idleTimeout"/>, holding at most <paramref name="maxSessions"/>, of which at most
    /// <paramref name="maxPerClient"/> (0: as many as <paramref name="maxSessions"/>) of one client.
    /// </summary>
    public SessionStore(int maxSessions, TimeSpan idleTimeout, int maxPerClient = 0)
    {
        MaxPerClient = maxPerClient > 0 ? Math.Min(maxPerClient, maxSessions) : maxSessions;
        if (maxSessions < 1) throw new ArgumentOutOfRangeException(nameof(maxSessions), $"At least one session is needed; got {maxSessions}.");
        if (idleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(idleTimeout), $"The idle timeout must be positive; got {idleTimeout}.");
        MaxSessions = maxSessions;
        IdleTimeout = idleTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond * 30));
        _sweep = new Timer(_ => Sweep(), null, period, period);
    }

    /// <summary>The most sessions open at once.</summary>
    public int MaxSessions { get; }

    /// <summary>The most sessions one client (remote address) has open at once.</summary>
    public int MaxPerClient { get; }

    /// <summary>How long a session may go unseen before it is closed.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Sessions open now.</summary>
    public int Count => _sessions.Count;

    /// <summary>A new session with <paramref name="settings"/>, of <paramref name="client"/> (its remote address).</summary>
    /// <exception cref="StoreFullException">All <see cref="MaxSessions"/> are in use, or <see cref="MaxPerClient"/> of the client's.</exception>
    /// <exception cref="BackpropException">The settings do not make a network for their data.</exception>
    /// <exception cref="ObjectDisposedException">The store is closed (the server is stopping).</exception>
    public Session Create(Settings settings, string client = "")
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Sweep();
            if (_sessions.Count >= MaxSessions)
                throw new StoreFullException($"all {MaxSessions} playground sessions are in use; close a tab or wait {IdleTimeout.TotalMinutes:0.#} minutes for an idle one to end");
            if (_sessions.Values.Count(s => s.Client == client) >= MaxPerClient)
                throw new StoreFullException($"this client has {MaxPerClient} playground sessions open, the most one client may; close a tab or wait {IdleTimeout.TotalMinutes:0.#} minutes for an idle one to end");
            var session = new Session(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), settings) { Client = client };
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

    /// <summary>Counts an event stream opened on <paramref name="session"/> until the result is disposed.</summary>
    /// <exception cref="StoreFullException">The session has <see cref="StreamsPerSession"/> open, or the store twice as many as sessions.</exception>
    public IDisposable OpenStream(Session session)
    {
        lock (_gate)
        {
            if (session.Streams >= StreamsPerSession)
                throw new StoreFullException($"session '{session.Id}' already has {StreamsPerSession} event streams open, the most one session may; close the other tab showing it");
            if (_streams >= 2 * MaxSessions) throw new StoreFullException($"{_streams} event streams are open, the most this playground serves; close a tab");
            session.Streams++;
            _streams++;
        }
        return new StreamCount(this, session);
    }

    private sealed class StreamCount(SessionStore store, Session session) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            lock (store._gate) { session.Streams--; store._streams--; }
        }
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
