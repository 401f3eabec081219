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
        Assert.Contains(ComputeSettings.HardwareVectorBits, new[] { 128, 256, 512 });
        Assert.Equal(Math.Min(256, ComputeSettings.HardwareVectorBits), new ComputeOptions { MaxVectorBits = 256 }.MaxVectorBits);
    }

    [Fact]
    public void UseAppliesToTheCallingCodeUntilDisposed()
    {
        var outside = ComputeSettings.Current;
        var options = new ComputeOptions { Threads = 7, MaxVectorBits = 128 };
        ComputeOptions? seenElsewhere = null;
        using var go = new ManualResetEventSlim();
        var other = new Thread(() => { go.Wait(); seenElsewhere = ComputeSettings.Current; });   // started outside the scope
        other.Start();
        using (ComputeSettings.Use(options))
        {
            Assert.Same(options, ComputeSettings.Current);
            using (ComputeSettings.Use(options with { Threads = 3 })) Assert.Equal(3, ComputeSettings.Current.Threads);
            Assert.Same(options, ComputeSettings.Current);
            go.Set();
            other.Join();
        }
        Assert.Same(ComputeSettings.Default, seenElsewhere);
        Assert.Same(outside, ComputeSettings.Current);
    }

    [Fact]
    public async Task AScopeFlowsThroughAwaitAndIntoTasks()
    {
        var outside = ComputeSettings.Current;
        async Task<(ComputeOptions AfterYield, ComputeOptions InTask, ComputeOptions AfterDelay)> Flow(ComputeOptions options)
        {
            using (ComputeSettings.Use(options))
            {
                await Task.Yield();
                var afterYield = ComputeSettings.Current;
                var inTask = await Task.Run(() => ComputeSettings.Current);
                await Task.Delay(5);
                return (afterYield, inTask, ComputeSettings.Current);
            }
        }
        var a = new ComputeOptions { Threads = 3 };
        var b = new ComputeOptions { Threads = 5 };
        var results = await Task.WhenAll(Flow(a), Flow(b));   // two flows at once, each with its own scope
        Assert.Equal((a, a, a), results[0]);
        Assert.Equal((b, b, b), results[1]);
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
