namespace Backprop.Playground;

/// <summary>Where the playground listens and how many sessions it keeps.</summary>
/// <param name="Host">The address to bind: 127.0.0.1 (this machine only) unless chosen knowingly.</param>
/// <param name="Port">The port; 0 picks a free one.</param>
/// <param name="MaxSessions">The most sessions (browser tabs) open at once (<see cref="SessionLimit"/>).</param>
/// <param name="IdleMinutes">Minutes after which an unseen session is closed.</param>
/// <param name="MaxSessionsPerClient">The most sessions one client (remote address) has open at once; 0: as many as <paramref name="MaxSessions"/>.</param>
public sealed record PlaygroundOptions(string Host = "127.0.0.1", int Port = 5000, int MaxSessions = PlaygroundOptions.SessionLimit, double IdleMinutes = 10,
    int MaxSessionsPerClient = PlaygroundOptions.SessionLimit)
{
    /// <summary>The session limit, the one number the docs give: 16 sessions open at once, all of which one client (one browser) may hold.</summary>
    public const int SessionLimit = 16;
}
