using System.Globalization;
using System.Numerics;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Diagnostics;

/// <summary>
/// One row through a network, module by module through each module's explain face (<see cref="Module{T}.Explain"/>), in evaluation mode:
/// the forward values each module computes with its own kernels, the output, and with a target the loss and, after the engine's backward
/// pass over that graph, each module's gradients (dL/dz, dW, dγ, ...). The network's own weights and type are used as they are.
/// </summary>
internal static class ModuleRow
{
    public static RowExplanation Run<T>(Network<T> network, IReadOnlyList<double> rawFeatures, IReadOnlyList<double>? target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = network.Model;
        var loss = network.Loss;
        int inputs = model.InputWidth ?? rawFeatures.Count;
        if (rawFeatures.Count != inputs)
            throw BackpropException.BadInput($"the row has {rawFeatures.Count} features; the network takes {inputs}.");
        int outputs = model.OutputWidth(inputs);
        var names = network.Metadata.FeatureNames is { } given && given.Count == inputs ? given
            : [.. Enumerable.Range(0, inputs).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture))];
        var raw = Tensor<double>.FromArray([.. rawFeatures], 1, inputs);
        var x = network.Scaler?.Transform(raw) ?? raw.Clone();
        var rowTarget = target is null ? null : RowExplanation.TargetOf(network, target, outputs);

        bool training = model.IsTraining;
        model.Eval();
        try
        {
            model.ZeroGrad();
            var input = Of<T>(x);
            input.RequiresGrad = rowTarget is not null;
            var (result, explained, traced) = ExplainTrace<T>.Traced(model, input);
            double? lossValue = null;
            if (rowTarget is not null)
            {
                var value = loss.Compute(result, Of<T>(RowExplanation.Targets(loss, rowTarget, outputs)));
                lossValue = double.CreateTruncating(value.Span[0]);
                value.Backward();
            }
            var modules = explained(rowTarget is not null);
            Func<string, ChainPaths>? paths = rowTarget is null ? null : new ModulePaths<T>(traced, result, model,
                model.NamedParameters().ToDictionary(p => p.Name, p => p.Value.Grad is { } g ? g.ToArray().Select(double.CreateTruncating).ToArray() : new double[p.Value.Length])).Find;
            var rawOutput = ToDouble(result);
            var output = loss.IsClassification ? loss.Predict(rawOutput) : rawOutput;
            var inUnits = loss.IsClassification ? null : network.TargetScaler?.InverseTransform(output);
            int? predicted = loss.IsClassification ? loss.ClassOf<double>(rawOutput.Span) : null;
            string sizes = string.Join("-", Mlp.Sizes(model));
            return new RowExplanation(loss, network.Metadata.TargetName, names, network.ClassNames, [.. rawFeatures], [.. x.ToArray()], network.Scaler,
                network.TargetScaler, [], [], output, inUnits, predicted, rowTarget, null, [])
            {
                Modules = modules, ModuleLoss = lossValue, PathsThroughModules = paths,
                Architecture = (sizes.Length > 0 ? $"{sizes}: " : "") + string.Join(", ", model.Children.Select(c => c.Module.ToString())),
            };
        }
        finally
        {
            model.ZeroGrad();
            model.Train(training);
        }
    }

    private static Tensor<T> Of<T>(Tensor<double> t) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(t.Shape, [.. t.ToArray().Select(T.CreateTruncating)]);

    private static Tensor<double> ToDouble<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(t.Shape, [.. t.ToArray().Select(double.CreateTruncating)]);
}
