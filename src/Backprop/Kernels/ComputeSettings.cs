namespace Backprop.Kernels;

/// <summary>
/// Which <see cref="ComputeOptions"/> the kernels run with: the process <see cref="Default"/> (from the
/// <c>BACKPROP_THREADS</c> and <c>BACKPROP_VECTOR_BITS</c> environment variables, else every core and the widest SIMD),
/// or, inside <see cref="Use"/>, the options given there. A scope flows with the code it wraps, through <c>await</c>
/// and into tasks started inside it, as an <see cref="AsyncLocal{T}"/> does; other callers keep theirs. No setter: the
/// process default comes from the environment, anything else travels in a scope.
/// </summary>
public static class ComputeSettings
{
    private static readonly ComputeOptions _default = ComputeOptions.FromEnvironment();
    private static readonly AsyncLocal<ComputeOptions?> _scoped = new();

    // Scopes open anywhere in the process: while none is, Current skips the AsyncLocal lookup (kernels read it per call).
    private static int _openScopes;

    /// <summary>The options of code outside every <see cref="Use"/> scope, read once from the environment.</summary>
    public static ComputeOptions Default => _default;

    /// <summary>The options the kernels use here and now: the innermost <see cref="Use"/> scope's, else <see cref="Default"/>.</summary>
    public static ComputeOptions Current => Volatile.Read(ref _openScopes) == 0 ? _default : _scoped.Value ?? _default;

    /// <summary>Threads a large matrix product may use here and now (<see cref="Current"/>'s <see cref="ComputeOptions.Threads"/>, at least 1).</summary>
    public static int Threads => Current.Threads;

    /// <summary>The widest SIMD vector the kernels use here and now (<see cref="Current"/>'s <see cref="ComputeOptions.MaxVectorBits"/>): 512, 256 or 128.</summary>
    public static int MaxVectorBits => Current.MaxVectorBits;

    /// <summary>The widest SIMD width this processor accelerates.</summary>
    public static int HardwareVectorBits => ComputeOptions.HardwareVectorBits;

    /// <summary>
    /// Runs the kernels called by the code inside the returned scope — across <c>await</c>s and in tasks it starts — with
    /// <paramref name="options"/> until the scope is disposed (<c>using (ComputeSettings.Use(options)) { ... }</c>); other
    /// threads and flows keep theirs.
    /// </summary>
    public static Scope Use(ComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var previous = _scoped.Value;
        Interlocked.Increment(ref _openScopes);
        _scoped.Value = options;
        return new Scope(previous);
    }

    /// <summary>Restores the previous options of the flow that opened it when disposed.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly ComputeOptions? _previous;
        private int _disposed;

        internal Scope(ComputeOptions? previous) => _previous = previous;

        /// <summary>Restores the options in force before <see cref="Use"/> (once; disposing again does nothing).</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _scoped.Value = _previous;
            Interlocked.Decrement(ref _openScopes);
        }
    }
}
