namespace Backprop.Playground.Sessions;

/// <summary>Every session is in use: the request is sound but must wait (HTTP 429).</summary>
public sealed class StoreFullException(string message) : Exception(message);
