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
        LearningRate = learningRate;
    }

    /// <summary>λ, a positive finite number.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value > 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(LearningRate), $"Sgd: learning rate must be a positive number; got {value}.");
            _learningRate = value;
        }
    }

    private double _learningRate;

    /// <inheritdoc/>
    public override void Step()
    {
        T step = -T.CreateTruncating(LearningRate);
        foreach (var p in Params)
            if (p.Grad is { } g) Elementwise.AddScaledInPlace(p.Span, g.Span, step);
    }
}
