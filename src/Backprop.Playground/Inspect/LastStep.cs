using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Playground.Sessions;
using Backprop.Tensors;

namespace Backprop.Playground.Inspect;

/// <summary>
/// The last training step of a run as a <see cref="NetworkSpec"/>: the weights before it, its batch, the loss, the learning rate and the
/// optimizer with its state before the step —
/// what <c>backprop explain --spec</c> reads, so the page's walk-through and the command line's are the same computation.
/// </summary>
internal static class LastStep
{
    /// <summary>The spec of the run's last step.</summary>
    /// <exception cref="BackpropException">No step has been taken yet.</exception>
    public static NetworkSpec Spec(TrainingRun run)
    {
        var (x, y, rows) = run.LastBatch;
        if (rows == 0)
            throw BackpropException.BadSetting(run.Steps == 0 ? "no step has been taken yet; press Step or Play first"
                : "no step has been taken since the training settings changed; press Step or Play first");
        var layers = run.Layers.Select((l, i) => new LayerSpec(Tensor<double>.FromArray([.. run.WeightsBefore[i]], l.Inputs, l.Outputs),
            Tensor<double>.FromArray([.. run.BiasesBefore[i]], l.Outputs), l.Activation)).ToList();
        var targets = run.Loss.Task == TaskKind.Classification ? Tensor<double>.FromArray(y.ToArray(), rows) : Tensor<double>.FromArray(y.ToArray(), rows, y.Length / rows);
        return new NetworkSpec(layers, run.Loss, Tensor<double>.FromArray(x.ToArray(), rows, x.Length / rows), targets, run.Settings.LearningRate)
        {
            Source = $"the playground's step {run.Steps}",
            Optimizer = new SpecOptimizer(run.Settings.OptimizerOptions(), run.OptimizerBefore),
        };
    }
}
