using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>A network loaded to predict carries no optimizer state: Adam's two parameter-sized buffers appear at the first <c>Fit</c> only.</summary>
public class NetworkInferenceTests
{
    [Fact]
    public void LoadingToPredictAllocatesNoOptimizerState()
    {
        using var dir = new TempDir();
        var path = dir.Path("wide.safetensors");
        var model = Mlp.Create<float>([64, 1024, 1024, 10], Activation.Relu, seed: 1);   // 1.1 M parameters, 4.4 MB
        long parameterBytes = model.Parameters().Sum(p => (long)p.Length) * sizeof(float);
        new Network<float>(model, new CrossEntropy()).Save(path);

        long reading = Allocated(() => Backprop.IO.ModelFile.Load<float>(path));   // the file's bytes, the model, its weights
        Network<float> loaded = null!;
        long loading = Allocated(() => loaded = Network<float>.Load(path));
        var probabilities = loaded.Predict(Tensor<float>.RandomNormal(2, 0, 1, 3, 64));

        Assert.False(loaded.HasOptimizer);
        // Network.Load adds the loss and scalers to what reading the file takes; Adam's moments would add twice the parameters
        Assert.True(loading - reading < parameterBytes / 4,
            $"Network.Load allocated {loading:N0} bytes, reading the file {reading:N0}, for {parameterBytes:N0} bytes of parameters");
        Assert.Equal([3, 10], probabilities.Shape.ToArray());
        Assert.IsType<Backprop.Optim.Adam<float>>(loaded.Optimizer);   // made when asked for, as Fit does
        Assert.True(loaded.HasOptimizer);
    }

    static long Allocated(Action action)
    {
        action(); // once first, so that JIT compilation and static tables are not counted
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
