using Backprop.Playground.Sessions;

namespace Backprop.Playground.Api;

/// <summary>A new session: its id, network and data, and first frame (<c>{"id", "setup", "frame"}</c>).</summary>
internal sealed record SessionCreated(string Id, Setup Setup, Frame Frame);

/// <summary>A session after a command: its network and data, and latest frame.</summary>
internal sealed record SessionState(Setup Setup, Frame Frame);

/// <summary>The session closed (<c>{"closed": id}</c>).</summary>
internal sealed record SessionClosed(string Closed);

/// <summary>A refusal (<c>{"error": "..."}</c>).</summary>
internal sealed record ErrorAnswer(string Error);
