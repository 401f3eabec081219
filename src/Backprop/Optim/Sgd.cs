using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>Plain gradient descent: w := w - λ·dL/dw.</summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>SGD with learning rate λ &gt; 0.</summary>
    public Sgd(IEnumerable<Tensor<T>> parameters, double learningRate) : base(parameters)
    {
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"Sgd: learning rate must be a positive number; got {learningRate}.");
        LearningRate = learningRate;
    }

    /// <summary>λ</summary>
    public double LearningRate { get; set; }

    /// <inheritdoc/>
    public override void Step()
    {
        T step = -T.CreateTruncating(LearningRate);
        foreach (var p in Params)
            if (p.Grad is { } g) Elementwise.AddScaledInPlace(p.Span, g.Span, step);
    }
}
