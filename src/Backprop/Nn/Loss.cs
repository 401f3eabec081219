using System.Numerics;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// A loss: a scalar L measuring how far a batch of outputs O [N, K] is from its targets Y, a mean over the batch's rows
/// (so a data set evaluated in chunks weighs each chunk by its rows). Subclass it in any assembly: give the value and
/// gradient on spans, the target kind and the outputs it needs; training, evaluation and prediction — planned or on
/// autograd — use it as they use the built-in ones.
/// </summary>
public abstract class Loss : IFusedLoss
{
    /// <summary>The name as <see cref="Parse"/> reads it (for a loss of your own, any name shown in errors and reports).</summary>
    public abstract string Name { get; }

    /// <summary>The task it trains, which says what the targets are: class indices (<see cref="TaskKind.Classification"/>), 0/1 or probability
    /// rows (<see cref="TaskKind.Binary"/>) or real values (<see cref="TaskKind.Regression"/>).</summary>
    public abstract TaskKind Task { get; }

    /// <summary>True when the targets are classes (accuracy makes sense): every kind but <see cref="TaskKind.Regression"/>.</summary>
    public bool IsClassification => Task.IsClassification();

    /// <summary>
    /// How many outputs the network needs for K classes (class-index targets) or K target columns (values): K unless overridden
    /// (binary cross-entropy takes one output for two classes).
    /// </summary>
    public virtual int OutputsFor(int k) => k;

    /// <summary>
    /// Returns L(O, Y) for outputs O [<paramref name="rows"/>, <paramref name="outputs"/>] and targets Y ([rows] or [rows, width],
    /// already checked by <see cref="CheckTargets{T}"/>); when <paramref name="gradient"/> is not empty, also writes dL/dO into it
    /// (rows × outputs values, overwritten). Must not allocate: the planned training step calls it once per batch.
    /// </summary>
    public abstract T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int rows, int outputs, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The weighted loss L = Σᵢ wᵢ·lᵢ / Σᵢ wᵢ over the rows, lᵢ the loss of row i alone (PyTorch's <c>CrossEntropyLoss(weight=)</c> normalisation: with
    /// equal weights it is the plain mean), and dL/dOᵢ = (wᵢ / Σw)·dlᵢ/dOᵢ into <paramref name="gradient"/> unless it is empty.
    /// <paramref name="weights"/> holds one weight ≥ 0 per row; when they sum to 0 the loss and gradient are 0. By default each row is one
    /// <see cref="ValueAndGradient{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, int, Span{T})"/> call (every loss is a mean over its rows);
    /// a loss may override it with a faster loop. Must not allocate.
    /// </summary>
    public virtual T WeightedValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, ReadOnlySpan<T> weights, int rows, int outputs, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
        => WeightedRows.ValueAndGradient(this, output, target, weights, rows, outputs, gradient);

    /// <summary>Turns raw outputs [rows, <paramref name="outputs"/>] into predictions in place: probabilities (classification) or values (the default: unchanged).</summary>
    public virtual void ToPredictions<T>(Span<T> output, int outputs) where T : unmanaged, IFloatingPointIeee754<T> { }

    /// <summary>
    /// The activation inside the loss that turns the last layer's outputs into probabilities (softmax for softmax cross-entropy, σ for
    /// binary cross-entropy), as <see cref="ToPredictions{T}"/> applies it; null when predictions are the raw outputs. Explain writes it
    /// and ONNX export emits it (<see cref="OnnxOutputOps"/>); override it together with <see cref="ToPredictions{T}"/>.
    /// </summary>
    public virtual Activation? OutputActivation => null;

    /// <summary>
    /// The ONNX operators that do what <see cref="ToPredictions{T}"/> does, applied in order to the last layer's output [N, K], each with
    /// one input and its default attributes: by default <see cref="OutputActivation"/>'s single operator (<c>Softmax</c> over the last
    /// axis, <c>Sigmoid</c>), none without one. ONNX export reads this.
    /// </summary>
    public virtual IReadOnlyList<string> OnnxOutputOps => OutputActivation?.Info.Onnx is { } op ? [op] : [];

    /// <summary>dL/dz at the output when it has the form δ = factor·(ŷ − y)/D, ŷ the prediction (after <see cref="OutputActivation"/>) and D the
    /// rows N, or N·M over M outputs too: explain's walkthrough writes it so. Null when the gradient has another form.</summary>
    public virtual OutputDelta? Delta => null;

    /// <summary>dL/dz at the output as explain's <c>--paths</c> labels it (softmax cross-entropy: <c>(p - y)/N</c>), or <c>dL/dz</c>.</summary>
    public virtual string DeltaFormula => "dL/dz";

    /// <summary>The number of classes it takes when fixed (binary cross-entropy: 2), or null for any number.</summary>
    public virtual int? FixedClasses => null;

    /// <summary>True for a squared error: its value on standardised targets times σ² is its value in target units.</summary>
    public virtual bool IsSquaredError => false;

    /// <summary>The raw output at which a single-output classifier switches from class 0 to class 1 (0.5 by default; 0 for logits).</summary>
    public virtual double DecisionThreshold => 0.5;

    /// <summary>The class one row of raw outputs predicts: the index of the largest output, or for one output 1 when it reaches <see cref="DecisionThreshold"/>.</summary>
    public virtual int ClassOf<T>(ReadOnlySpan<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (output.Length == 1) return output[0] >= T.CreateTruncating(DecisionThreshold) ? 1 : 0;
        int best = 0;
        for (int i = 1; i < output.Length; i++) if (output[i] > output[best]) best = i;
        return best;
    }

    /// <summary>
    /// Throws, naming the loss and both shapes, unless <paramref name="target"/> fits outputs of shape <paramref name="output"/>:
    /// class indices in [0, K) (or probability rows [N, K]), one-hot rows in [0, 1], or values of the output's shape ([N] for [N, 1]).
    /// </summary>
    public virtual void CheckTargets<T>(Tensor<T> target, Shape output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Task == TaskKind.Classification)
        {
            if (output.Rank != 2) throw new ArgumentException($"{Name} needs outputs [N, classes]; got {output}.");
            LossTargets.CheckClassTargets(target, output[0], output[1], Name);
            return;
        }
        LossTargets.CheckSameShape(output, target, Name);
        if (Task == TaskKind.Binary) LossTargets.CheckProbabilities(target.Span, Name);
    }

    /// <summary>The scalar loss, recorded for <see cref="Tensor{T}.Backward()"/> (under no-grad only the value is computed).</summary>
    public Tensor<T> Compute<T>(Tensor<T> output, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckTargets(target, output.Shape);
        int rows = output.Rank == 0 ? 1 : output.Shape[0];
        if (rows == 0) throw new ArgumentException($"{Name}: the batch is empty (output {output.Shape}); a mean over no rows has no value.");
        return FusedLoss<T>.Apply(this, output, target, rows, output.Length / rows);
    }

    /// <summary>The weighted scalar loss Σ wᵢ·lᵢ / Σ wᵢ (see <see cref="WeightedValueAndGradient{T}"/>) of rows weighted by <paramref name="weights"/> [N],
    /// recorded for <see cref="Tensor{T}.Backward()"/>.</summary>
    public Tensor<T> Compute<T>(Tensor<T> output, Tensor<T> target, Tensor<T> weights) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckTargets(target, output.Shape);
        int rows = output.Rank == 0 ? 1 : output.Shape[0];
        if (rows == 0) throw new ArgumentException($"{Name}: the batch is empty (output {output.Shape}); a mean over no rows has no value.");
        RowWeights.Check<T>(weights, rows, Name);
        return FusedLoss<T>.Apply(new WeightedRows.Of<T>(this, weights), output, target, rows, output.Length / rows);
    }

    /// <summary>What the network's raw outputs mean to a user (a new tensor): <see cref="ToPredictions{T}"/> applied to a copy.</summary>
    public Tensor<T> Predict<T>(Tensor<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Tensor<T>(output.Shape, output.ToArray());
        int rows = output.Rank == 0 ? 1 : output.Shape[0];
        if (rows > 0) ToPredictions(result.Span, output.Length / rows);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>The names <see cref="Parse"/> accepts (those of <see cref="Losses.Registry"/>).</summary>
    public static string Names => Losses.Registry.Names;

    /// <summary>A registered loss by name or alias, with its default options: <c>softmax_ce</c> (or <c>ce</c>), <c>bce_logits</c> (or <c>bce</c>), <c>mse_half</c>, <c>mse_mean</c> (or <c>mse</c>), or one added to <see cref="Losses.Registry"/>.</summary>
    /// <exception cref="FormatException">No loss has that name; the message lists the names.</exception>
    public static Loss Parse(string text) => Losses.Registry.Create(text);
}
