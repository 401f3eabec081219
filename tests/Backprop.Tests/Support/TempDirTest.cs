namespace Backprop.Tests.Support;

/// <summary>A test class whose every test gets a fresh <see cref="TempDir"/> (xunit makes one instance per test and disposes it).</summary>
public abstract class TempDirTest : IDisposable
{
    /// <summary>This test's directory.</summary>
    private protected TempDir Dir { get; } = new();

    public void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
