namespace Backprop.Kernels;

/// <summary>
/// Which <see cref="ComputeOptions"/> the kernels run with: the process <see cref="Default"/> (from the
/// <c>BACKPROP_THREADS</c> and <c>BACKPROP_VECTOR_BITS</c> environment variables, else every core and the widest SIMD),
/// or, on a thread inside <see cref="Use"/>, the options given there.
/// </summary>
public static class ComputeSettings
{
    private static ComputeOptions _default = ComputeOptions.FromEnvironment();

    [ThreadStatic] private static ComputeOptions? _scoped;

    /// <summary>The options of every thread outside a <see cref="Use"/> scope; set it once, at start-up.</summary>
    public static ComputeOptions Default
    {
        get => Volatile.Read(ref _default);
        set => Volatile.Write(ref _default, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The options the kernels use on the calling thread now.</summary>
    public static ComputeOptions Current => _scoped ?? Volatile.Read(ref _default);

    /// <summary>Shorthand for <see cref="Default"/>'s <see cref="ComputeOptions.Threads"/>: threads a large matrix product may use (at least 1).</summary>
    public static int Threads
    {
        get => Default.Threads;
        set => Default = Default with { Threads = value };
    }

    /// <summary>Shorthand for <see cref="Default"/>'s <see cref="ComputeOptions.MaxVectorBits"/>: 512, 256 or 128 (capped by the processor).</summary>
    public static int MaxVectorBits
    {
        get => Default.MaxVectorBits;
        set => Default = Default with { MaxVectorBits = value };
    }

    /// <summary>The widest SIMD width this processor accelerates.</summary>
    public static int HardwareVectorBits => ComputeOptions.HardwareVectorBits;

    /// <summary>
    /// Runs the kernels called on this thread with <paramref name="options"/> until the returned scope is disposed
    /// (<c>using (ComputeSettings.Use(options)) { ... }</c>); other threads keep theirs.
    /// </summary>
    public static Scope Use(ComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var previous = _scoped;
        _scoped = options;
        return new Scope(previous);
    }

    /// <summary>Restores the calling thread's previous options when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly ComputeOptions? _previous;

        internal Scope(ComputeOptions? previous) => _previous = previous;

        /// <summary>Restores the options in force before <see cref="Use"/>.</summary>
        public void Dispose() => _scoped = _previous;
    }
}
