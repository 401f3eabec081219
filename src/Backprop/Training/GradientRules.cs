using System.Numerics;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// What <see cref="TrainOptions"/> asks of the gradients between backward and the optimizer's update, on every path (layer plan and
/// graph): the L1 penalty's gradient on the weight matrices (rank ≥ 2; biases and BatchNorm's γ and β are not penalised), then
/// clipping by value, then clipping by global norm. Built once; a step allocates nothing.
/// </summary>
internal sealed class GradientRules<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] _parameters, _weights;
    private readonly double _l1;
    private readonly double? _clipNorm, _clipValue;

    private GradientRules(IReadOnlyList<Tensor<T>> parameters, TrainOptions options)
    {
        _parameters = [.. parameters];
        _weights = [.. parameters.Where(p => p.Rank >= 2)];
        (_l1, _clipNorm, _clipValue) = (options.L1, options.ClipNorm, options.ClipValue);
    }

    /// <summary>The rules of <paramref name="options"/> over the optimizer's <paramref name="parameters"/>, or null when it asks for none.</summary>
    public static GradientRules<T>? For(IReadOnlyList<Tensor<T>> parameters, TrainOptions? options) =>
        options is null || (options.L1 == 0 && options.ClipNorm is null && options.ClipValue is null) ? null : new GradientRules<T>(parameters, options);

    /// <summary>Applies the rules to the current gradients.</summary>
    public void Apply()
    {
        if (_l1 > 0) L1Penalty.AddGradient(_weights, _l1);
        if (_clipValue is { } value) GradientClipping.ClipValue(_parameters, value);
        if (_clipNorm is { } norm) GradientClipping.ClipNorm(_parameters, norm);
    }
}
