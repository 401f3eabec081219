using System.Globalization;
using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): y = x / T for a temperature T &gt; 0, placed after the
/// last layer so that the softmax (or sigmoid) of the loss turns z/T into probabilities; T &gt; 1 softens over-confident ones. The class each row
/// is given never changes. T is a buffer (<c>temperature</c>, shape [1]), fitted after training (<see cref="Training.Calibration"/>), not
/// trained with the weights. Backward: dx = dy / T.
/// </summary>
public sealed class Temperature<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Divides by <paramref name="temperature"/> (&gt; 0; default 1, the identity).</summary>
    public Temperature(double temperature = 1)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), $"Temperature: T must be a positive number; got {temperature}.");
        Value = Tensor<T>.Zeros(1);
        Value.Span[0] = T.CreateTruncating(temperature);
    }

    /// <summary>T [1], the state dict's <c>temperature</c> buffer.</summary>
    public Tensor<T> Value { get; }

    /// <summary>T as a number.</summary>
    public double Divisor => double.CreateTruncating(Value.Span[0]);

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor<T> Value)> OwnBuffers => [("temperature", Value)];

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x) => LayerOp<T>.Apply(this, x);

    /// <inheritdoc/>
    public override LayerStep<T> CreateStep(int inputs, int maxRows) => new Step(this, inputs, maxRows);

    /// <inheritdoc/>
    public override ModuleConfig Config => new TemperatureConfig();

    /// <inheritdoc/>
    public override IEnumerable<string> Torch(int inputs) => [ToString()];

    /// <inheritdoc/>
    public override string WriteOnnx(IOnnxGraph graph, string x) => // y = x / T
        graph.Node("Div", [x, graph.Constant("temperature", [float.CreateTruncating(Value.Span[0])], 1)]);

    /// <summary>Explain face: y = x / T; backward dL/dx = dL/dy / T.</summary>
    public override Tensor<T> Explain(Tensor<T> x, ExplainTrace<T> trace)
    {
        var y = Forward(x);
        trace.Forward("y", $"y = x / T, T = {Divisor.ToString("G6", CultureInfo.InvariantCulture)}", y, @"y = x / T");
        trace.Backward("dL/dy", "dL/dy", y, @"\partial L/\partial y");
        trace.Backward("dL/dx", "dL/dx = dL/dy / T", x, @"\partial L/\partial x = (\partial L/\partial y) / T");
        return y;
    }

    /// <summary><c>Temperature(1.8)</c>.</summary>
    public override string ToString() => $"Temperature({Divisor.ToString("G6", CultureInfo.InvariantCulture)})";

    // y = x / T and dx = dy / T over buffers for maxRows rows of any width.
    private sealed class Step(Temperature<T> layer, int inputs, int maxRows) : LayerStep<T>(inputs, inputs, maxRows)
    {
        private readonly T[] _y = new T[maxRows * inputs];

        public override Span<T> Output => _y;

        public override void Forward(ReadOnlySpan<T> x, int rows, bool training) =>
            TensorPrimitives.Divide(x[..(rows * Inputs)], layer.Value.Span[0], _y.AsSpan(0, rows * Inputs));

        public override void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows)
        {
            if (!dx.IsEmpty) TensorPrimitives.Divide(dy[..(rows * Inputs)], layer.Value.Span[0], dx[..(rows * Inputs)]);
        }
    }
}

/// <summary>A <see cref="Temperature{T}"/>'s settings: none (T is its state, the <c>temperature</c> buffer).</summary>
public sealed record TemperatureConfig : ModuleConfig
{
    /// <inheritdoc/>
    public override Module<T> Build<T>(IReadOnlyList<Module<T>> children) => new Temperature<T>();

    /// <inheritdoc/>
    public override long Values => 1;
}
