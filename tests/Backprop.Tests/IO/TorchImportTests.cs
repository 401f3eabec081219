using System.Text;
using Backprop.Data;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.IO;

/// <summary>
/// PyTorch state dicts in safetensors' exact layout (<see cref="TorchStateDict"/>) imported as Backprop models: the imported model
/// predicts what a forward pass computed here from the same weights gives, and every mismatch is named.
/// </summary>
public sealed class TorchImportTests : TempDirTest
{
    /// <summary>Weights that F16, BF16 and F32 hold exactly: multiples of 1/64 in [-1, 1].</summary>
    internal static double[,] Matrix(Random r, int rows, int cols)
    {
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i, j] = r.Next(-64, 65) / 64.0;
        return m;
    }

    internal static double[] Vector(Random r, int n) => [.. Enumerable.Range(0, n).Select(_ => r.Next(-64, 65) / 64.0)];

    /// <summary>The network's raw outputs for one row: h ← act(W h + b) per hidden layer, then W h + b.</summary>
    internal static double[] Forward(double[] x, IReadOnlyList<double[,]> w, IReadOnlyList<double[]> b, Func<double, double> act)
    {
        var h = x;
        for (int k = 0; k < w.Count; k++)
        {
            var z = new double[w[k].GetLength(0)];
            for (int o = 0; o < z.Length; o++)
            {
                z[o] = b[k][o];
                for (int i = 0; i < h.Length; i++) z[o] += w[k][o, i] * h[i];
            }
            h = k < w.Count - 1 ? [.. z.Select(act)] : z;
        }
        return h;
    }

    internal static double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        return [.. e.Select(v => v / e.Sum())];
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Dir.Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static float[] Predict(Network<float> network, double[][] rows) =>
        network.Predict(Tensor.From(Rectangular(rows))).ToArray();

    private static float[,] Rectangular(double[][] rows)
    {
        var x = new float[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows[0].Length; j++) x[i, j] = (float)rows[i][j];
        return x;
    }

    private static double[][] Rows(Random r, int n, int features) => [.. Enumerable.Range(0, n).Select(_ => Vector(r, features).Select(v => v * 3).ToArray())];

    [Fact]
    public void MulticlassFilePredictsAsTheReferenceForward()
    {
        var r = new Random(1);
        double[][,] w = [Matrix(r, 5, 4), Matrix(r, 3, 5)];
        double[][] b = [Vector(r, 5), Vector(r, 3)];
        var torch = Write("torch.safetensors", TorchStateDict.Bytes(TorchStateDict.Sequential(w, b)));
        var header = Encoding.UTF8.GetString(File.ReadAllBytes(torch), 8, 120);
        Assert.StartsWith("{\"__metadata__\":{\"format\":\"pt\"},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,20]},\"0.weight\":", header);
        var model = Dir.Path("m.safetensors");
        var written = TorchImport.Convert(torch, new TorchImportOptions { Sizes = [4, 5, 3], Hidden = Activation.Relu, ClassNames = ["a", "b", "c"], FeatureNames = ["f1", "f2", "f3", "f4"] }, model);
        var network = Network<float>.Load(model);
        Assert.Equal("softmax_ce", network.Loss.Name);
        Assert.Null(network.Scaler);
        Assert.Equal(["a", "b", "c"], network.ClassNames!);
        Assert.Equal(["f1", "f2", "f3", "f4"], network.Metadata.Schema!.FeatureNames);
        Assert.Equal(written.Architecture!.ToString(), network.Metadata.Architecture!.ToString());
        var rows = Rows(r, 7, 4);
        var expected = rows.SelectMany(x => Softmax(Forward(x, w, b, v => Math.Max(v, 0)))).ToArray();
        Assert.Equal(expected, Predict(network, rows).Select(v => (double)v), (a, e) => Math.Abs(a - e) < 1e-6);
    }

    [Fact]
    public void BinaryF16FileGivesTheSigmoidOfItsLogit()
    {
        var r = new Random(2);
        double[][,] w = [Matrix(r, 4, 3), Matrix(r, 1, 4)];
        double[][] b = [Vector(r, 4), Vector(r, 1)];
        var torch = Write("torch.safetensors", TorchStateDict.Bytes(TorchStateDict.Sequential(w, b, "F16")));
        var model = Dir.Path("m.safetensors");
        TorchImport.Convert(torch, new TorchImportOptions { Sizes = [3, 4, 1], Hidden = Activation.Tanh, Task = TaskKind.Binary, ClassNames = ["no", "yes"] }, model);
        Assert.Equal("F32", ModelFile.DType(model));
        var network = Network<float>.Load(model);
        Assert.Equal("bce_logits", network.Loss.Name);
        var rows = Rows(r, 5, 3);
        var expected = rows.Select(x => 1 / (1 + Math.Exp(-Forward(x, w, b, Math.Tanh)[0]))).ToArray();
        Assert.Equal(expected, Predict(network, rows).Select(v => (double)v), (a, e) => Math.Abs(a - e) < 1e-6);
    }

    [Fact]
    public void RegressionF64FileStaysDoubleAndPredictsItsOutputs()
    {
        var r = new Random(3);
        double[][,] w = [Matrix(r, 6, 2), Matrix(r, 6, 6), Matrix(r, 2, 6)];
        double[][] b = [Vector(r, 6), Vector(r, 6), Vector(r, 2)];
        var torch = Write("torch.safetensors", TorchStateDict.Bytes(TorchStateDict.Sequential(w, b, "F64")));
        var model = Dir.Path("m.safetensors");
        TorchImport.Convert(torch, new TorchImportOptions { Sizes = [2, 6, 6, 2], Hidden = Activation.Sigmoid, Task = TaskKind.Regression }, model);
        Assert.Equal("F64", ModelFile.DType(model));
        var network = Network<double>.Load(model);
        Assert.Equal(TaskKind.Regression, network.Metadata.Task);
        Assert.Null(network.TargetScaler);
        var rows = Rows(r, 4, 2);
        var expected = rows.SelectMany(x => Forward(x, w, b, v => 1 / (1 + Math.Exp(-v)))).ToArray();
        var x = new double[rows.Length, 2];
        for (int i = 0; i < rows.Length; i++) (x[i, 0], x[i, 1]) = (rows[i][0], rows[i][1]);
        Assert.Equal(expected, network.Predict(Tensor.From(x)).ToArray(), (a, e) => Math.Abs(a - e) < 1e-12);
    }

    [Fact]
    public void BatchNormFileImportsWithBatchNormAndRunsInEvaluationMode()
    {
        // nn.Sequential(Linear(2, 3), BatchNorm1d(3), ReLU(), Linear(3, 2)): keys 0.*, 1.* (γ, β, running statistics, I64 count), 3.*
        var r = new Random(4);
        double[][,] w = [Matrix(r, 3, 2), Matrix(r, 2, 3)];
        double[][] b = [Vector(r, 3), Vector(r, 2)];
        double[] gamma = Vector(r, 3), beta = Vector(r, 3), mean = Vector(r, 3), variance = [0.5, 1.25, 2];
        var bytes = TorchStateDict.Bytes(
            new("0.weight", [3, 2], [.. w[0].Cast<double>()]), new("0.bias", [3], b[0]),
            new("1.weight", [3], gamma), new("1.bias", [3], beta), new("1.running_mean", [3], mean), new("1.running_var", [3], variance),
            new("1.num_batches_tracked", [], [7], "I64"),
            new("3.weight", [2, 3], [.. w[1].Cast<double>()]), new("3.bias", [2], b[1]));
        var torch = Write("torch.safetensors", bytes);
        var options = new TorchImportOptions { Sizes = [2, 3, 2], Hidden = Activation.Relu, Task = TaskKind.Regression };
        var e = Assert.Throws<BackpropException>(() => TorchImport.Load<float>(torch, options));
        Assert.Equal($"{torch}: tensor \"2.weight\" (layer2.w) is missing; the architecture 2-3-2 (relu, identity; loss mse) needs it with shape [2, 3] ([out, in]); "
            + "the file has \"1.num_batches_tracked\" [], \"0.bias\" [3], \"0.weight\" [3, 2], \"1.bias\" [3], \"1.running_mean\" [3], \"1.running_var\" [3], \"1.weight\" [3], \"3.bias\" [2], \"3.weight\" [2, 3]; "
            + "running_mean, running_var and num_batches_tracked are a BatchNorm1d's state: if every hidden Linear is followed by BatchNorm1d, import with batch normalisation (--batch-norm), "
            + "else fold each batch norm into the Linear before it and save again.", e.Message);
        var loaded = TorchImport.Load<double>(torch, options with { BatchNorm = true });
        Assert.Equal(7, loaded.Model.Layers.OfType<BatchNorm1d<double>>().Single().NumBatchesTracked);
        loaded.Model.Eval();
        var x = new double[] { 0.75, -1.5 };
        var h = Forward(x, [w[0]], [b[0]], v => v);
        h = [.. h.Select((z, j) => Math.Max((z - mean[j]) / Math.Sqrt(variance[j] + 1e-5) * gamma[j] + beta[j], 0))];
        var expected = Forward(h, [w[1]], [b[1]], v => v);
        Assert.Equal(expected, loaded.Model.Forward(Tensor.From(new double[,] { { x[0], x[1] } })).ToArray(), (a, e2) => Math.Abs(a - e2) < 1e-12);
    }

    /// <summary>nn.Sequential(Linear(2, 3), BatchNorm1d(3), ReLU(), Linear(3, 2)) in <paramref name="dtype"/>: PyTorch's writer puts the I64 count first.</summary>
    internal static byte[] BatchNormStateDict(string dtype)
    {
        var r = new Random(7);
        TorchEntry Entry(string name, long[] shape, double[] values) => new(name, shape, values, dtype);
        return TorchStateDict.Bytes(
            Entry("0.weight", [3, 2], [.. Matrix(r, 3, 2).Cast<double>()]), Entry("0.bias", [3], Vector(r, 3)),
            Entry("1.weight", [3], Vector(r, 3)), Entry("1.bias", [3], Vector(r, 3)), Entry("1.running_mean", [3], Vector(r, 3)), Entry("1.running_var", [3], [0.5, 1.25, 2]),
            new("1.num_batches_tracked", [], [7], "I64"),
            Entry("3.weight", [2, 3], [.. Matrix(r, 2, 3).Cast<double>()]), Entry("3.bias", [2], Vector(r, 2)));
    }

    [Theory]
    [InlineData("F64", "F64")]
    [InlineData("F32", "F32")]
    [InlineData("F16", "F32")]
    [InlineData("BF16", "F32")]
    public void ABatchNormFileKeepsItsFloatDtypeThoughTheCountComesFirst(string stored, string loaded)
    {
        var torch = Write("torch.safetensors", BatchNormStateDict(stored));
        Assert.Equal("1.num_batches_tracked", SafetensorsFile.Read(torch).Tensors[0].Name);
        var options = new TorchImportOptions { Sizes = [2, 3, 2], Hidden = Activation.Relu, Task = TaskKind.Regression, BatchNorm = true };
        Assert.Equal(loaded, TorchImport.Load<float>(torch, options).FileDType);
        var model = Dir.Path("m.safetensors");
        TorchImport.Convert(torch, options, model);
        Assert.Equal(loaded, ModelFile.DType(model));
        Assert.Equal(loaded, ModelFile.Load<float>(model).FileDType);
    }

    [Fact]
    public void ABatchNormWithANegativeRunningVarianceIsRefusedByName()
    {
        // running_var = -1: x̂ = (x − mean)/√(var + ε) is NaN, and the imported model predicted NaN for most rows.
        var r = new Random(7);
        var torch = Write("negative.safetensors", TorchStateDict.Bytes(
            new("0.weight", [3, 2], [.. Matrix(r, 3, 2).Cast<double>()]), new("0.bias", [3], Vector(r, 3)),
            new("1.running_mean", [3], Vector(r, 3)), new("1.running_var", [3], [0.5, -1, 2]), new("1.num_batches_tracked", [], [3], "I64"),
            new("3.weight", [2, 3], [.. Matrix(r, 2, 3).Cast<double>()]), new("3.bias", [2], Vector(r, 2))));
        var options = new TorchImportOptions { Sizes = [2, 3, 2], Hidden = Activation.Relu, Task = TaskKind.Regression, BatchNorm = true };
        var e = Assert.Throws<BackpropException>(() => TorchImport.Load<float>(torch, options));
        Assert.Equal($"{torch}: tensor \"1.running_var\" (a batch norm's running variance) holds -1 at element 1; a variance is a finite number of at least 0.", e.Message);
    }

    [Fact]
    public void BatchNormWithoutAffineParametersImportsFromItsRunningStatistics()
    {
        // nn.Sequential(Linear(2, 3), BatchNorm1d(3, affine=False), ReLU(), Linear(3, 2)): 1.* holds the running statistics only
        var r = new Random(6);
        double[][,] w = [Matrix(r, 3, 2), Matrix(r, 2, 3)];
        double[][] b = [Vector(r, 3), Vector(r, 2)];
        double[] mean = Vector(r, 3), variance = [0.5, 1.25, 2];
        var torch = Write("plain.safetensors", TorchStateDict.Bytes(
            new("0.weight", [3, 2], [.. w[0].Cast<double>()]), new("0.bias", [3], b[0]),
            new("1.running_mean", [3], mean), new("1.running_var", [3], variance), new("1.num_batches_tracked", [], [3], "I64"),
            new("3.weight", [2, 3], [.. w[1].Cast<double>()]), new("3.bias", [2], b[1])));
        var loaded = TorchImport.Load<double>(torch, new TorchImportOptions { Sizes = [2, 3, 2], Hidden = Activation.Relu, Task = TaskKind.Regression, BatchNorm = true });
        Assert.False(loaded.Model.Layers.OfType<BatchNorm1d<double>>().Single().Affine);
        Assert.Equal("Linear(2, 3), BatchNorm1d(3, affine=False), ReLU(), Linear(3, 2)", loaded.Metadata.Architecture!.TorchModules());
        loaded.Model.Eval();
        var x = new double[] { 0.75, -1.5 };
        var h = Forward(x, [w[0]], [b[0]], v => v);
        h = [.. h.Select((z, j) => Math.Max((z - mean[j]) / Math.Sqrt(variance[j] + 1e-5), 0))];
        Assert.Equal(Forward(h, [w[1]], [b[1]], v => v), loaded.Model.Forward(Tensor.From(new double[,] { { x[0], x[1] } })).ToArray(), (a, e) => Math.Abs(a - e) < 1e-12);
    }

    private (string Path, TorchImportOptions Options) Small(Func<TorchEntry[], TorchEntry[]> change, string name = "torch.safetensors")
    {
        var r = new Random(5);
        var entries = TorchStateDict.Sequential([Matrix(r, 5, 4), Matrix(r, 3, 5)], [Vector(r, 5), Vector(r, 3)]);
        return (Write(name, TorchStateDict.Bytes(change(entries))), new TorchImportOptions { Sizes = [4, 5, 3], Hidden = Activation.Relu });
    }

    private string Refusal(Func<TorchEntry[], TorchEntry[]> change, Func<TorchImportOptions, TorchImportOptions>? options = null)
    {
        var (path, o) = Small(change);
        var e = Assert.Throws<BackpropException>(() => TorchImport.Load<float>(path, (options ?? (x => x))(o)));
        Assert.Equal(ErrorKind.Input, e.Kind);
        Assert.StartsWith(path + ": ", e.Message);
        return e.Message[(path.Length + 2)..];
    }

    [Fact]
    public void AMissingTensorIsNamedWithTheShapeTheLayersNeed() =>
        Assert.Equal("tensor \"2.bias\" (layer2.b) is missing; the architecture 4-5-3 (relu, identity; loss softmax_ce) needs it with shape [3]; "
            + "the file has \"0.bias\" [5], \"0.weight\" [5, 4], \"2.weight\" [3, 5].", Refusal(e => [.. e.Where(t => t.Name != "2.bias")]));

    [Fact]
    public void AShapeThatDisagreesNamesTheTensorBothShapesAndTheFilesSizes() =>
        Assert.Equal("tensor \"2.weight\" (layer2.w) has shape [3, 5]; the architecture 4-5-5-3 (relu, relu, identity; loss softmax_ce) needs [5, 5] ([out, in]); "
            + "the file's Linear weights chain as 4-5-3 (--layers 4-5-3).", Refusal(e => e, o => o with { Sizes = [4, 5, 5, 3] }));

    [Fact]
    public void ExtraTensorsAreListedWithWhatTheModelNeeds() =>
        Assert.Equal("tensor \"mean\" [4] is not part of the model; the architecture 4-5-3 (relu, identity; loss softmax_ce) needs 0.weight [5, 4], 0.bias [5], 2.weight [3, 5], 2.bias [3].",
            Refusal(e => [.. e, new TorchEntry("mean", [4], [0, 0, 0, 0])]));

    [Fact]
    public void BatchNormStateWithoutHiddenLayersSaysWhatToDo() =>
        Assert.Equal("5 tensors \"1.num_batches_tracked\" [], \"1.bias\" [3], \"1.running_mean\" [3], \"1.running_var\" [3], \"1.weight\" [3] are not part of the model; "
            + "the architecture 4-3 (identity; loss softmax_ce) needs 0.weight [3, 4], 0.bias [3]; running_mean, running_var and num_batches_tracked are a BatchNorm1d's state: "
            + "if every hidden Linear is followed by BatchNorm1d, import with batch normalisation (--batch-norm), else fold each batch norm into the Linear before it and save again.",
            Refusal(_ => [new("0.weight", [3, 4], new double[12]), new("0.bias", [3], new double[3]), new("1.weight", [3], [1, 1, 1]), new("1.bias", [3], new double[3]),
                new("1.running_mean", [3], new double[3]), new("1.running_var", [3], [1, 1, 1]), new("1.num_batches_tracked", [], [0], "I64")], o => o with { Sizes = [4, 3] }));

    [Fact]
    public void AWrapperModulesPrefixIsPointedOut() =>
        Assert.EndsWith("; the names start with \"net.\": save the nn.Sequential's own state_dict (model.net.state_dict()), whose keys start with the layer index.",
            Refusal(e => [.. e.Select(t => t with { Name = "net." + t.Name })]));

    [Fact]
    public void DropoutShiftingTheNumberingIsPointedOut() // nn.Sequential(Linear, ReLU, Dropout, Linear): the second Linear is 3
    {
        var message = Refusal(e => [.. e.Select(t => t with { Name = t.Name.Replace("2.", "3.", StringComparison.Ordinal) })]);
        Assert.StartsWith("tensor \"2.weight\" (layer2.w) is missing; the architecture 4-5-3 (relu, identity; loss softmax_ce) needs it with shape [3, 5] ([out, in]); ", message);
        Assert.EndsWith("; the file's Linear layers sit at index 0, 3, the architecture's at 0, 2: modules without parameters besides the activations (Dropout, Flatten) shift the numbering, "
            + "so copy the weights into an nn.Sequential of Linear, activation, Linear, ... (or renumber the keys) before saving.", message);
    }

    [Fact]
    public void AnIntegerDtypeIsRefusedByName() =>
        Assert.Equal("tensor \"0.weight\" has dtype I8; only F32, F64, F16, BF16 are supported.",
            Refusal(e => [.. e.Select(t => t.Name == "0.weight" ? t with { DType = "I8", Values = [.. t.Values.Select(v => Math.Round(v * 64))] } : t)]));

    [Fact]
    public void BFloat16IsWidenedExactly()
    {
        var (path, options) = Small(e => [.. e.Select(t => t with { DType = "BF16" })]);
        var (f32, _) = Small(e => e, "f32.safetensors");
        var wide = TorchImport.Load<double>(path, options).Model.Forward(Tensor.From(new double[,] { { 1, -2, 0.5, 3 } })).ToArray();
        Assert.Equal(TorchImport.Load<double>(f32, options).Model.Forward(Tensor.From(new double[,] { { 1, -2, 0.5, 3 } })).ToArray(), wide);
    }

    [Theory]
    [InlineData("F16", new[] { 5.9604644775390625e-8, 65504, -65504, 6.103515625e-5 })] // 2^-24 (smallest subnormal), the largest, the smallest normal
    [InlineData("BF16", new[] { 9.183549615799121e-41, 3.3895313892515355e38, -1.1754943508222875e-38, 1 })] // 2^-133 (a subnormal), near the largest, the smallest normal
    public void HalfWidthExtremesAreReadExactly(string dtype, double[] values)
    {
        var file = SafetensorsFile.Parse(TorchStateDict.Bytes(new TorchEntry("0.weight", [2, 2], values, dtype)), "t.safetensors");
        Assert.Equal(values, file.Tensors.Single().ToDoubles());
    }

    [Theory]
    [InlineData("F16", double.NaN, "NaN")]
    [InlineData("F16", double.PositiveInfinity, "infinity")]
    [InlineData("BF16", double.NegativeInfinity, "-infinity")]
    [InlineData("BF16", double.NaN, "NaN")]
    public void NonFiniteHalfWidthValuesAreRefusedNamingTheElement(string dtype, double bad, string said)
    {
        var e = Assert.Throws<BackpropException>(() => SafetensorsFile.Parse(TorchStateDict.Bytes(new TorchEntry("0.weight", [2, 2], [1, 0.5, bad, 2], dtype)), "t.safetensors"));
        Assert.Equal(ErrorKind.Input, e.Kind);
        Assert.Contains($"tensor \"0.weight\": element [1, 0] is {said}; a model's values must be finite numbers", e.Message);
    }

    [Theory]
    [InlineData(new[] { 4, 5, 1 }, null, null, "the network has one output: say whether it is a value (task regression) or a binary classifier's logit (task binary, or two class names).")]
    [InlineData(new[] { 4, 5, 3 }, TaskKind.Binary, null, "a binary classifier has one output (a logit for BCEWithLogitsLoss); the last layer has 3: give the task classification for one logit per class.")]
    [InlineData(new[] { 4, 5, 3 }, null, "a,b", "2 class names for 3 outputs (the last layer size); give one name per output.")]
    [InlineData(new[] { 4, 5, 1 }, TaskKind.Regression, "a,b", "class names were given for a regression; leave them out or choose a classification task.")]
    [InlineData(new[] { 4, 5, 3 }, null, "a,b,a", "class name \"a\" is given twice.")]
    public void OptionsThatDoNotFitTheOutputsAreSettingErrors(int[] sizes, TaskKind? task, string? classes, string message)
    {
        var (path, options) = Small(e => e);
        var e = Assert.Throws<BackpropException>(() => TorchImport.Load<float>(path, options with { Sizes = sizes, Task = task, ClassNames = classes?.Split(',') }));
        Assert.Equal(ErrorKind.Setting, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void FeatureNamesMustFitTheInputs()
    {
        var (path, options) = Small(e => e);
        Assert.Equal("3 feature names for 4 inputs (the first layer size); give one name per input.",
            Assert.Throws<BackpropException>(() => TorchImport.Load<float>(path, options with { FeatureNames = ["a", "b", "c"] })).Message);
        Assert.Equal("feature name \"target\" is also the target's name; give the target another (--target).",
            Assert.Throws<BackpropException>(() => TorchImport.Load<float>(path, options with { FeatureNames = ["a", "b", "c", "target"] })).Message);
        var twoValues = Assert.Throws<BackpropException>(() => TorchImport.Load<float>(path, options with { Task = TaskKind.Regression, FeatureNames = ["a", "b", "c", "d"] }));
        Assert.Equal(ErrorKind.Setting, twoValues.Kind);
        Assert.Equal("feature names make a column layout, which has one target column, but this regression has 3 outputs (the last layer size); "
            + "leave the feature names out (no column layout: the model predicts from C#), or import a network with one output.", twoValues.Message);
        Assert.Equal(3, TorchImport.Load<float>(path, options with { Task = TaskKind.Regression }).Model.Forward(Tensor.From(new float[,] { { 1, 2, 3, 4 } })).ToArray().Length);
    }
}
