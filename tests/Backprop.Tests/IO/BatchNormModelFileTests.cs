using Backprop.Data;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Data;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.IO;

/// <summary>Models with BatchNorm1d in model files: PyTorch's state-dict names, running statistics restored, predictions unchanged.</summary>
public sealed class BatchNormModelFileTests : TempDirTest
{
    private static Sequential<T> TrainedOnIris<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var data = Csv.Load<T>(RepoData.Path("iris/iris.data")).Data;
        var model = Mlp.Create<T>([4, 8, 6, 3], Activation.Relu, seed: 5, batchNorm: true);
        Trainer.Fit(model, new CrossEntropy(), new Sgd<T>(model.Parameters(), 0.05), StandardScaler.Fit(data.X).Transform(data),
            new TrainOptions { Epochs = 3, Seed = 1, BatchSize = 16, DropLast = true });
        return model;
    }

    private static List<BatchNorm1d<T>> Norms<T>(Sequential<T> m) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        [.. m.Layers.OfType<BatchNorm1d<T>>()];

    [Fact]
    public void TrainedModelRoundTripsParametersRunningStatisticsAndPredictionsExactly()
    {
        var model = TrainedOnIris<float>();
        var path = Dir.Path("bn.safetensors");
        ModelFile.Save(path, model);
        var loaded = ModelFile.Load<float>(path).Model;

        Assert.Equal(model.ToString(), loaded.ToString());
        Assert.Equal(model.NamedParameters().Select(p => p.Name), loaded.NamedParameters().Select(p => p.Name));
        Assert.All(model.NamedParameters().Zip(loaded.NamedParameters()), p => Assert.Equal(p.First.Value.ToArray(), p.Second.Value.ToArray()));
        foreach (var (saved, read) in Norms(model).Zip(Norms(loaded)))
        {
            Assert.Contains(saved.RunningMean.ToArray(), v => v != 0); // trained: not the initial zeros
            Assert.Equal(saved.RunningMean.ToArray(), read.RunningMean.ToArray());
            Assert.Equal(saved.RunningVar.ToArray(), read.RunningVar.ToArray());
            Assert.Equal(27, saved.NumBatchesTracked); // 3 epochs of 150 / 16 rows, the last smaller batch dropped
            Assert.Equal(saved.NumBatchesTracked, read.NumBatchesTracked);
            Assert.Equal((saved.Eps, saved.Momentum), (read.Eps, read.Momentum));
        }
        var x = Tensor<float>.RandomNormal(3, 0, 1, 10, 4);
        model.Eval();
        loaded.Eval();
        Assert.Equal(model.Forward(x).ToArray(), loaded.Forward(x).ToArray());
        Assert.Equal(Trainer.Predict(model, new CrossEntropy(), x).ToArray(), Trainer.Predict(loaded, new CrossEntropy(), x).ToArray());
    }

    [Fact]
    public void DoubleModelWithNonDefaultEpsAndMomentumRoundTrips()
    {
        var model = new Sequential<double>(new Dense<double>(3, 4, seed: 1), new BatchNorm1d<double>(4, eps: 1e-3, momentum: 0.25), new Dense<double>(4, 2, seed: 2));
        var x = Tensor<double>.RandomNormal(4, 0, 1, 8, 3);
        model.Forward(x); // training mode: moves the running statistics
        var path = Dir.Path("d.safetensors");
        ModelFile.Save(path, model);
        var loaded = ModelFile.Load<double>(path);
        var a = loaded.Metadata.Architecture!;
        Assert.Equal([new BatchNormSpec(1e-3, 0.25), null], a.BatchNorm!);
        Assert.Equal("Linear(3, 4), BatchNorm1d(4, eps=0.001, momentum=0.25), Linear(4, 2)", a.TorchModules());
        Assert.Equal("3-4-2 (batchnorm identity, identity)", a.ToString());
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, model, new ModelMetadata { Architecture = a with { BatchNorm = [new BatchNormSpec(), null] } }));
        var norm = Norms(loaded.Model).Single();
        Assert.Equal((1e-3, 0.25, 1L), (norm.Eps, norm.Momentum, norm.NumBatchesTracked));
        Assert.Equal(Norms(model).Single().RunningVar.ToArray(), norm.RunningVar.ToArray());
        model.Eval();
        loaded.Model.Eval();
        Assert.Equal(model.Forward(x).ToArray(), loaded.Model.Forward(x).ToArray());
    }

    [Fact]
    public void BatchNormWithoutAffineParametersRoundTripsAsPyTorchsStateDict()
    {
        var model = new Sequential<float>(new Dense<float>(3, 4, seed: 1), new BatchNorm1d<float>(4, affine: false), new ActivationLayer<float>(Activation.Relu),
            new Dense<float>(4, 2, seed: 2));
        var x = Tensor<float>.RandomNormal(4, 0, 1, 8, 3);
        model.Forward(x); // training mode, twice: the running statistics move and two batches are counted
        model.Forward(x * 2f);
        var path = Dir.Path("plain.safetensors");
        ModelFile.Save(path, model);

        // nn.Sequential(Linear(3, 4), BatchNorm1d(4, affine=False), ReLU(), Linear(4, 2)).state_dict(): no 1.weight, no 1.bias
        var (file, metadata) = ModelFile.Inspect(path);
        Assert.Equal(["0.weight", "0.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "3.weight", "3.bias"], file.Tensors.Select(t => t.Name));
        var a = metadata.Architecture!;
        Assert.Equal([new BatchNormSpec(Affine: false), null], a.BatchNorm!);
        Assert.Equal("Linear(3, 4), BatchNorm1d(4, affine=False), ReLU(), Linear(4, 2)", a.TorchModules());
        Assert.Contains(("layer1.batchnorm.running_var", "1.running_var"), a.TensorNames());
        Assert.Contains("\"affine\":false", file.Metadata["architecture"]);

        var loaded = ModelFile.Load<float>(path).Model;
        var (saved, read) = (Norms(model).Single(), Norms(loaded).Single());
        Assert.False(read.Affine);
        Assert.Empty(read.Parameters());
        Assert.Equal(model.NamedParameters().Select(p => p.Name), loaded.NamedParameters().Select(p => p.Name));
        Assert.Contains(saved.RunningMean.ToArray(), v => v != 0);
        Assert.Equal(saved.RunningMean.ToArray(), read.RunningMean.ToArray());
        Assert.Equal(saved.RunningVar.ToArray(), read.RunningVar.ToArray());
        Assert.Equal(2L, read.NumBatchesTracked);
        model.Eval();
        loaded.Eval();
        Assert.Equal(model.Forward(x).ToArray(), loaded.Forward(x).ToArray());
    }

    [Fact]
    public void TensorsAreNamedAsPyTorchsSequentialStateDict()
    {
        var model = Mlp.Create<float>([4, 8, 6, 3], Activation.Relu, seed: 1, batchNorm: true);
        var path = Dir.Path("m.safetensors");
        ModelFile.Save(path, model);
        var (file, metadata) = ModelFile.Inspect(path);
        // nn.Sequential(Linear(4, 8), BatchNorm1d(8), ReLU(), Linear(8, 6), BatchNorm1d(6), ReLU(), Linear(6, 3)).state_dict() keys:
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
            "3.weight", "3.bias", "4.weight", "4.bias", "4.running_mean", "4.running_var", "4.num_batches_tracked", "6.weight", "6.bias"],
            file.Tensors.Select(t => t.Name));
        var a = metadata.Architecture!;
        Assert.Equal("Linear(4, 8), BatchNorm1d(8), ReLU(), Linear(8, 6), BatchNorm1d(6), ReLU(), Linear(6, 3)", a.TorchModules());
        Assert.Equal([0, 3, 6], a.TorchIndices());
        var tracked = file.Find("1.num_batches_tracked")!;
        Assert.Equal(("I64", 0), (tracked.DType, tracked.Shape.Count));
        Assert.Equal([0L], tracked.ToInt64s());
        Assert.Equal("F32", file.Find("4.running_var")!.DType);
        Assert.Equal([8L], file.Find("1.running_var")!.Shape);
        Assert.Equal([8L, 4L], file.Find("0.weight")!.Shape);
        // Parameter names beside tensor names follow Module naming: Dense → layer1, BatchNorm1d → layer2, Dense → layer3 ...
        var names = a.TensorNames();
        Assert.Equal(model.NamedParameters().Select(p => p.Name), names.Select(p => p.Parameter).Where(p => !Architecture.BatchNormState.Any(s => p.EndsWith(s, StringComparison.Ordinal))));
        Assert.Contains(("layer2.running_mean", "1.running_mean"), names);
        Assert.Contains(("layer4.num_batches_tracked", "4.num_batches_tracked"), names);
        Assert.Equal([0, 2], Architecture.Of(Mlp.Create<float>([2, 3, 1], Activation.Identity, batchNorm: true)).TorchIndices());
    }

    [Fact]
    public void FileWrittenBeforeBatchNormCouldBeSavedStillLoads()
    {
        // The architecture metadata as written before batch_norm existed, with the weights of TorchFile.SmallMlp.
        const string architecture = "{\\\"sizes\\\":[2,2,1],\\\"activations\\\":[\\\"relu\\\",\\\"identity\\\"],\\\"loss\\\":\\\"mse\\\",\\\"torch\\\":\\\"Linear(2, 2), ReLU(), Linear(2, 1)\\\"}";
        var path = Dir.Path("old.safetensors");
        File.WriteAllBytes(path, TorchFile.Build(
            "{\"__metadata__\":{\"backprop_version\":\"0.1.0\",\"architecture\":\"" + architecture + "\"},"
            + "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]},"
            + "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[24,32]},\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[32,36]}}",
            [1, -1, 2, 0.5f, 0, -1, 3, -2, 0.5f]));
        var loaded = ModelFile.Load<float>(path);
        Assert.Null(loaded.Metadata.Architecture!.BatchNorm);
        Assert.Equal(new float[] { -3.5f, 12.5f }, loaded.Model.Forward(Tensor.From(new float[,] { { 1, 2 }, { 0, -4 } })).ToArray());
        // A model without batch norm writes no batch_norm key, so readers that predate it read the file as before.
        ModelFile.Save(path, Mlp.Create<float>([2, 2, 1], Activation.Relu));
        Assert.DoesNotContain("batch_norm", ModelFile.Inspect(path).File.Metadata["architecture"]);
    }

    [Theory]
    [InlineData("1.running_var", "[8]", "[7]")]
    [InlineData("4.weight", "[6]", "[6, 1]")]
    public void BatchNormTensorOfTheWrongShapeIsRefusedByName(string tensor, string expected, string given)
    {
        var path = Dir.Path("m.safetensors");
        ModelFile.Save(path, Mlp.Create<float>([4, 8, 6, 3], Activation.Relu, seed: 1, batchNorm: true));
        var file = ModelFile.Inspect(path).File;
        long[] shape = given == "[7]" ? [7] : [6, 1];
        var bad = SafetensorsTensor.FromValues(tensor, "F32", shape, new double[shape.Aggregate(1L, (a, b) => a * b)]);
        using (var stream = File.Create(path))
            (file with { Tensors = [.. file.Tensors.Select(t => t.Name == tensor ? bad : t)] }).Write(stream);
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path));
        string parameter = Architecture.Of(Mlp.Create<float>([4, 8, 6, 3], Activation.Relu, batchNorm: true)).TensorNames().Single(p => p.Tensor == tensor).Parameter;
        Assert.StartsWith($"{path}: tensor \"{tensor}\" ({parameter}) has shape {given}; the architecture 4-8-6-3 (batchnorm relu, batchnorm relu, identity) needs {expected}", e.Message);
    }

    [Fact]
    public void BatchCountThatIsNotAnI64ScalarIsRefusedByName()
    {
        var path = Dir.Path("m.safetensors");
        ModelFile.Save(path, Mlp.Create<float>([2, 3, 1], Activation.Tanh, batchNorm: true));
        var file = ModelFile.Inspect(path).File;
        var asFloat = SafetensorsTensor.FromValues("1.num_batches_tracked", "F32", [], [4]);
        using (var stream = File.Create(path))
            (file with { Tensors = [.. file.Tensors.Select(t => t.Name == asFloat.Name ? asFloat : t)] }).Write(stream);
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path));
        Assert.Equal($"{path}: tensor \"1.num_batches_tracked\" has dtype F32; expected I64.", e.Message);
    }
}
