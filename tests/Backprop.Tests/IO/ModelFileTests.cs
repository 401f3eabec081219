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

public sealed class ModelFileTests : TempDirTest
{
    [Fact]
    public void TrainedIrisModelRoundTripsWithIdenticalPredictionsAndMetadata()
    {
        var table = Csv.Load<float>(RepoData.Path("iris/iris.data"));
        var (train, _, test) = table.Data.Split3(0.1, 0.2, seed: 1);
        var scaler = StandardScaler.Fit(train.X);
        var model = Mlp.Create<float>([4, 8, 3], Activation.Relu, seed: 2);
        var loss = new CrossEntropy();
        Trainer.Fit(model, loss, new Sgd<float>(model.Parameters(), 0.1), scaler.Transform(train), new TrainOptions { Epochs = 5, Seed = 3 });
        var metadata = ModelMetadata.From(table.Schema) with
        {
            Architecture = new Architecture([4, 8, 3], [Activation.Relu, Activation.Identity], loss.Name),
            Scaler = scaler.ToState(),
            Training = new Dictionary<string, string> { ["epochs"] = "5", ["lr"] = "0.1" },
        };
        var path = Dir.Path("iris.safetensors");
        ModelFile.Save(path, model, metadata);

        var loaded = ModelFile.Load<float>(path);
        var x = Scaler.FromState(loaded.Metadata.Scaler!).Transform(test.X);
        Assert.Equal(Trainer.Predict(model, loss, scaler.Transform(test.X)).ToArray(), Trainer.Predict(loaded.Model, Loss.Parse(loaded.Metadata.Architecture!.Loss!), x).ToArray());
        Assert.Equal("F32", loaded.FileDType);
        var m = loaded.Metadata;
        Assert.Equal([4, 8, 3], m.Architecture!.Sizes);
        Assert.Equal([Activation.Relu, Activation.Identity], m.Architecture.Activations);
        Assert.Equal(["Iris-setosa", "Iris-versicolor", "Iris-virginica"], m.ClassNames);
        Assert.Equal(["0", "1", "2", "3"], m.FeatureNames);
        Assert.Equal("4", m.TargetName);
        Assert.Equal(TaskKind.Classification, m.Task);
        Assert.Equal(scaler.Offsets, m.Scaler!.Offsets);
        Assert.Equal("5", m.Training["epochs"]);
        Assert.Equal(ModelMetadata.LibraryVersion, m.Version);
        Assert.Equal("0.1.0", m.Version);
        Assert.Equal(table.Schema.FeatureColumns, m.Schema!.FeatureColumns);
        Assert.Equal(",", m.Schema.Separator);
        Assert.Single(Directory.GetFiles(Dir.Root)); // no temporary file left behind
    }

    [Fact]
    public void DoubleModelIsWrittenAsF64AndReadBackExactly()
    {
        var model = Mlp.Create<double>([3, 5, 4, 2], Activation.LeakyRelu(0.1), Activation.Sigmoid, seed: 7);
        var path = Dir.Path("d.safetensors");
        ModelFile.Save(path, model);
        var loaded = ModelFile.Load<double>(path);
        Assert.Equal("F64", ModelFile.DType(path));
        var x = Tensor<double>.RandomNormal(1, 0, 1, 6, 3);
        Assert.Equal(model.Forward(x).ToArray(), loaded.Model.Forward(x).ToArray());
        Assert.Equal([Activation.LeakyRelu(0.1), Activation.LeakyRelu(0.1), Activation.Sigmoid], loaded.Metadata.Architecture!.Activations);
        var asFloat = ModelFile.Load<float>(path).Model.Forward(x.Cast<float>()).ToArray();
        Assert.Equal(model.Forward(x).ToArray().Select(v => (float)v), asFloat.Select(v => v), new FloatNear(1e-6f));
    }

    [Fact]
    public void TensorsUsePyTorchNamesAndOutInLayout()
    {
        var model = Mlp.Create<float>([4, 8, 3], Activation.Relu, Activation.Softmax, seed: 1);
        var path = Dir.Path("m.safetensors");
        ModelFile.Save(path, model);
        var (file, metadata) = ModelFile.Inspect(path);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], file.Tensors.Select(t => t.Name));
        Assert.Equal([8L, 4L], file.Find("0.weight")!.Shape);
        var w = ((Dense<float>)model.Layers[0]).W;
        var stored = file.Find("0.weight")!.ToDoubles();
        Assert.Equal(w[1, 5], (float)stored[5 * 4 + 1]); // weight[out=5, in=1] = W[in=1, out=5]
        Assert.Equal("Linear(4, 8), ReLU(), Linear(8, 3), Softmax(dim=1)", metadata.Architecture!.TorchModules());
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0, BitConverter.ToInt64(bytes, 0) % 8);
        Assert.Equal([0, 2, 4], Architecture.Mlp([2, 3, 3, 1], Activation.Tanh, Activation.Sigmoid).TorchIndices());
        Assert.Equal([0, 1, 2], Architecture.Mlp([2, 3, 3, 1], Activation.Identity).TorchIndices());
    }

    [Fact]
    public void ActivationLayersSaveUnderTheSameNamesAsFusedActivations()
    {
        var d0 = new Dense<float>(2, 3, seed: 1);
        var d1 = new Dense<float>(3, 1, seed: 2);
        var path = Dir.Path("a.safetensors");
        ModelFile.Save(path, new Sequential<float>(d0, new ActivationLayer<float>(Activation.Tanh), d1));
        var loaded = ModelFile.Load<float>(path);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], ModelFile.Inspect(path).File.Tensors.Select(t => t.Name));
        var x = Tensor.From(new float[,] { { 0.5f, -1 } });
        Assert.Equal(d1.Forward(d0.Forward(x).Tanh()).ToArray(), loaded.Model.Forward(x).ToArray());
        // not a stack of Dense layers: saved by its modules (it had no architecture to save before the module contract)
        ModelFile.Save(path, new Sequential<float>(new ActivationLayer<float>(Activation.Relu), d0));
        Assert.Equal(d0.Forward(x.Relu()).ToArray(), ModelFile.Load<float>(path).Model.Forward(x).ToArray());
        Assert.False(ModelFile.Inspect(path).File.Metadata.ContainsKey("architecture"));
    }

    [Fact]
    public void HandBuiltPyTorchFileLoadsWithAnExplicitArchitecture()
    {
        var path = Dir.Path("torch.safetensors");
        File.WriteAllBytes(path, TorchFile.SmallMlp());
        var loaded = ModelFile.Load<float>(path, Architecture.Mlp([2, 2, 1], Activation.Relu));
        // x = [1, 2]: z = [1·1 − 1·2 + 0, 2·1 + 0.5·2 − 1] = [−1, 2]; relu → [0, 2]; y = 3·0 − 2·2 + 0.5 = −3.5.
        // x = [0, −4]: z = [4, −3]; relu → [4, 0]; y = 12 + 0.5 = 12.5.
        var y = loaded.Model.Forward(Tensor.From(new float[,] { { 1, 2 }, { 0, -4 } }));
        Assert.Equal(new float[] { -3.5f, 12.5f }, y.ToArray());
        Assert.Equal("pt", loaded.Metadata.Other["format"]);
        Assert.Null(loaded.Metadata.Version);
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path));
        Assert.Equal($"{path}: no Backprop architecture in __metadata__ (written by another tool?); for a PyTorch state dict, give its layer sizes and activation "
            + "(backprop import --torch FILE --layers 4-64-3 --activation relu, or TorchImport).", e.Message);
    }

    [Fact]
    public void SaveIntoAMissingDirectoryWritesNothing()
    {
        var dir = Dir.Path("missing");
        var path = Path.Combine(dir, "m.safetensors");
        var e = Assert.Throws<Backprop.Errors.BackpropException>(() => ModelFile.Save(path, Mlp.Create<float>([2, 1], Activation.Relu)));
        Assert.Equal($"cannot write {path}: the directory {dir} does not exist", e.Message);
        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.GetFileSystemEntries(Dir.Root));
    }

    [Fact]
    public void SaveReplacesAnExistingFileWhole()
    {
        var path = Dir.Path("m.safetensors");
        File.WriteAllText(path, "old contents");
        var model = Mlp.Create<float>([2, 1], Activation.Relu, seed: 4);
        ModelFile.Save(path, model);
        Assert.Equal(((Dense<float>)model.Layers[0]).W.ToArray(), ((Dense<float>)ModelFile.Load<float>(path).Model.Layers[0]).W.ToArray());
        Assert.Single(Directory.GetFiles(Dir.Root));
    }

    [Fact]
    public void MetadataThatDisagreesWithTheModelIsRefused()
    {
        var model = Mlp.Create<float>([2, 3], Activation.Relu);
        var path = Dir.Path("m.safetensors");
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, model, new ModelMetadata { Architecture = Architecture.Mlp([2, 4], Activation.Relu) }));
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, model, new ModelMetadata { ClassNames = ["a", "b"] }));
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, model, new ModelMetadata { FeatureNames = ["a"] }));
        Assert.False(File.Exists(path));
    }

    private sealed class FloatNear(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(a));
        public int GetHashCode(float v) => 0;
    }
}
