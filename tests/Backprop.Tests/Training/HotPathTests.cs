using System.Reflection;
using Backprop.Data;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>
/// The code that runs once per training step, per evaluated chunk, or per line of a numeric CSV is compiled fully optimised at its
/// first call (<see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization"/>). Under tiered compilation it
/// would start as tier-0 code and wait for the runtime's tiering delays, which on a loaded machine kept a one-epoch run of 25,000
/// steps (`backprop train` on the 1M-row W12 file) several times slower for its first 9,000 steps (docs/performance.md, W12).
/// </summary>
public class HotPathTests
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static TheoryData<Type, string, int> HotMethods => new()
    {
        // the training step
        { typeof(FitLoop<>), "TakeStep", -1 }, { typeof(FitLoop<>), "ReadBatch", -1 },
        { typeof(Dataset<>), "CopyRows", -1 }, { typeof(Scaler), "Transform", 2 }, { typeof(AffineRows), "Standardise", -1 },
        { typeof(TrainingStep<>), "Run", 4 }, { typeof(LayerPlan<>), "Forward", -1 }, { typeof(LayerPlan<>), "Step", 5 },
        { typeof(SequenceStep<>), "Forward", -1 }, { typeof(SequenceStep<>), "Backward", -1 },
        { typeof(DenseStep<>), "Forward", -1 }, { typeof(DenseStep<>), "Backward", -1 },
        { typeof(DenseKernel<,>), "Forward", -1 }, { typeof(DenseKernel<,>), "Activate", -1 }, { typeof(DenseKernel<,>), "Backward", -1 },
        { typeof(ActivationLoop), "Forward", -1 }, { typeof(ActivationLoop), "Backward", -1 },
        { typeof(CrossEntropy), "ValueAndGradient", -1 }, { typeof(Metrics), "CountCorrect", -1 },
        { typeof(Rows), "AccumulateColumnSums", -1 }, { typeof(Gemm), "Run", 11 }, { typeof(Gemm), "RunFloat", -1 }, { typeof(GemmJob<,,>), "Run", -1 },
        { typeof(Divergence), "Find", -1 }, { typeof(Divergence), "Finite", -1 },
        { typeof(Optimizer<>), "Step", 0 }, { typeof(Adam<>), "Update", -1 }, { typeof(UpdateLoop), "Run", -1 },
        // evaluation, splitting and scaling
        { typeof(PlanInference), "Evaluate", -1 }, { typeof(Dataset<>), "Subset", -1 }, { typeof(Dataset<>), "View", -1 },
        { typeof(FeatureRows<>), "Range", -1 }, { typeof(Rng), "Shuffle", -1 },
        { typeof(Splits), "Groups", -1 }, { typeof(StandardScaler), "Fit", -1 },
        // the numeric CSV reader, per line and per cell
        { typeof(CsvRange<>), "Count", -1 }, { typeof(CsvRange<>), "Parse", -1 }, { typeof(CsvRange<>), "ParseRow", -1 },
        { typeof(CsvRange<>), "Code", -1 }, { typeof(Utf8Numbers), "TryParseExact", -1 }, { typeof(ByteLines), "Next", -1 },
        { typeof(ByteLines), "Fill", -1 }, { typeof(CsvLayout), "Reads", -1 }, { typeof(CsvLayout), "IsBlank", -1 },
        { typeof(NumericCsv), "Replay", -1 },
    };

    [Theory]
    [MemberData(nameof(HotMethods))]
    public void IsCompiledOptimisedAtOnce(Type type, string name, int parameters)
    {
        var methods = type.GetMethods(All).Where(m => m.Name == name && (parameters < 0 || m.GetParameters().Length == parameters)).ToArray();
        Assert.NotEmpty(methods);
        foreach (var method in methods)
            Assert.True(method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization),
                $"{type.Name}.{method} is not compiled fully optimised at once");
    }

    [Fact]
    public void TheDatasetConstructorThatChecksEveryLabelToo()
    {
        var constructor = typeof(Dataset<>).GetConstructors().Single();
        Assert.True(constructor.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization));
    }
}
