using System.Numerics;
using Backprop.Kernels;
using Backprop.Nn;

namespace Backprop.Training;

/// <summary>
/// A training step compiled for a stack of <see cref="Dense{T}"/> layers: forward, loss and backward run straight
/// through the dense and loss kernels on buffers allocated once, with no graph, so a step allocates nothing.
/// It computes exactly what the autograd path computes (the same kernels), but overwrites the gradients instead of adding to them.
/// </summary>
internal sealed class FusedMlp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dense<T>[] _layers;
    private readonly IDenseKernel<T>[] _kernels;
    private readonly T[][] _z, _a, _dz, _da;

    private FusedMlp(Dense<T>[] layers, int maxBatch)
    {
        _layers = layers;
        _kernels = [.. layers.Select(l => l.Kernel)];
        int count = layers.Length;
        _z = new T[count][]; _a = new T[count][]; _dz = new T[count][]; _da = new T[count][];
        for (int i = 0; i < count; i++)
        {
            int size = maxBatch * layers[i].Outputs;
            _z[i] = new T[size];
            _a[i] = _kernels[i].IsIdentity ? _z[i] : new T[size];
            _da[i] = new T[size];
            _dz[i] = _kernels[i].IsIdentity ? _da[i] : new T[size];
        }
        MaxBatch = maxBatch;
    }

    /// <summary>The plan for <paramref name="model"/> when it is a Dense stack without softmax layers, else null.</summary>
    public static FusedMlp<T>? TryCreate(Module<T> model, int maxBatch)
    {
        Dense<T>[]? layers = model switch
        {
            Dense<T> d => [d],
            Sequential<T> s when s.Layers.All(l => l is Dense<T>) => [.. s.Layers.Cast<Dense<T>>()],
            _ => null,
        };
        if (layers is null || layers.Length == 0 || layers.Any(l => !l.Activation.IsElementwise)) return null;
        for (int i = 1; i < layers.Length; i++) if (layers[i].Inputs != layers[i - 1].Outputs) return null;
        return new FusedMlp<T>(layers, maxBatch);
    }

    /// <summary>The largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>Number of inputs of the first layer.</summary>
    public int Inputs => _layers[0].Inputs;

    /// <summary>Number of outputs of the last layer.</summary>
    public int Outputs => _layers[^1].Outputs;

    /// <summary>Runs the forward pass on <paramref name="n"/> rows of <paramref name="x"/>; returns the last layer's output [n, outputs].</summary>
    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> x, int n)
    {
        if (n > MaxBatch) throw new ArgumentOutOfRangeException(nameof(n), $"Batch of {n} exceeds the plan's {MaxBatch} rows.");
        ReadOnlySpan<T> input = x;
        for (int i = 0; i < _layers.Length; i++)
        {
            var layer = _layers[i];
            _kernels[i].Forward(input, layer.W.Span, layer.B.Span, _z[i], _a[i], n, layer.Inputs, layer.Outputs);
            input = _a[i];
        }
        return input[..(n * Outputs)];
    }

    /// <summary>
    /// Forward, loss and backward on one batch: every layer's W.Grad and B.Grad are overwritten with this batch's gradient.
    /// Returns the loss and the number of rows classified correctly (0 for regression).
    /// </summary>
    public (T Loss, int Correct) Step(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int n, Loss loss)
    {
        var output = Forward(x, n);
        int last = _layers.Length - 1;
        T value = loss.LossAndGradient(output, y, n, Outputs, _da[last]);
        int correct = loss.IsClassification ? Metrics.CountCorrect(output, y, n, Outputs, T.CreateTruncating(loss.DecisionThreshold)) : 0;
        for (int i = last; i >= 0; i--)
        {
            var layer = _layers[i];
            _kernels[i].Backward(i == 0 ? x : _a[i - 1], layer.W.Span, _z[i], _a[i], _da[i], _dz[i],
                i == 0 ? default : _da[i - 1].AsSpan(), layer.W.GradBuffer().Span, layer.B.GradBuffer().Span,
                accumulate: false, n, layer.Inputs, layer.Outputs);
        }
        return (value, correct);
    }
}
