using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>Compute options are immutable values: given for a scope on one thread, or read from BACKPROP_ variables only.</summary>
public class ComputeSettingsTests
{
    [Fact]
    public void OptionsRefuseNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeOptions { Threads = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeOptions { MaxVectorBits = 300 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ComputeSettings.Threads = 0);
        Assert.Contains(ComputeSettings.HardwareVectorBits, new[] { 128, 256, 512 });
        Assert.Equal(Math.Min(256, ComputeSettings.HardwareVectorBits), new ComputeOptions { MaxVectorBits = 256 }.MaxVectorBits);
    }

    [Fact]
    public void UseAppliesToTheCallingThreadUntilDisposed()
    {
        var outside = ComputeSettings.Current;
        var options = new ComputeOptions { Threads = 7, MaxVectorBits = 128 };
        ComputeOptions? seenElsewhere = null;
        using (ComputeSettings.Use(options))
        {
            Assert.Same(options, ComputeSettings.Current);
            using (ComputeSettings.Use(options with { Threads = 3 })) Assert.Equal(3, ComputeSettings.Current.Threads);
            Assert.Same(options, ComputeSettings.Current);
            var other = new Thread(() => seenElsewhere = ComputeSettings.Current);
            other.Start();
            other.Join();
        }
        Assert.Same(ComputeSettings.Default, seenElsewhere);
        Assert.Same(outside, ComputeSettings.Current);
    }

    [Fact]
    public void EnvironmentGivesOnlyPrefixedVariables()
    {
        _ = ComputeSettings.Default; // the process default is read before this test changes the environment
        string?[] saved = [.. new[] { "THREADS", "BACKPROP_THREADS", "BACKPROP_VECTOR_BITS" }.Select(Environment.GetEnvironmentVariable)];
        try
        {
            Environment.SetEnvironmentVariable("THREADS", "5");
            Environment.SetEnvironmentVariable("BACKPROP_THREADS", null);
            Environment.SetEnvironmentVariable("BACKPROP_VECTOR_BITS", null);
            Assert.Equal(new ComputeOptions(), ComputeOptions.FromEnvironment());
            Environment.SetEnvironmentVariable("BACKPROP_THREADS", "3");
            Environment.SetEnvironmentVariable("BACKPROP_VECTOR_BITS", "200");
            var options = ComputeOptions.FromEnvironment();
            Assert.Equal(3, options.Threads);
            Assert.Equal(128, options.MaxVectorBits);
        }
        finally
        {
            Environment.SetEnvironmentVariable("THREADS", saved[0]);
            Environment.SetEnvironmentVariable("BACKPROP_THREADS", saved[1]);
            Environment.SetEnvironmentVariable("BACKPROP_VECTOR_BITS", saved[2]);
        }
    }
}
