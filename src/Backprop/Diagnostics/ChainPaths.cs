using System.Globalization;
using System.Text.RegularExpressions;
using Backprop.Nn;

namespace Backprop.Diagnostics;

/// <summary>One factor of a chain-rule path: a local derivative, its name and its value.</summary>
public sealed record PathFactor(string Label, double Value);

/// <summary>One path from a parameter to the loss: the product of its local derivatives.</summary>
public sealed record ChainPath(int Example, IReadOnlyList<PathFactor> Factors)
{
    /// <summary>The product of the factors: this path's share of the gradient.</summary>
    public double Product => Factors.Aggregate(1.0, (p, f) => p * f.Value);
}

/// <summary>Every path by which one parameter reaches the loss; their sum is the gradient (the multi-path rule).</summary>
/// <param name="Parameter">The parameter, as written: <c>layer1.w[0,1]</c> or <c>layer2.b[0]</c>.</param>
/// <param name="Paths">Each path, per example of the batch.</param>
/// <param name="Autodiff">The engine's gradient for that parameter.</param>
public sealed record ChainPaths(string Parameter, IReadOnlyList<ChainPath> Paths, double Autodiff)
{
    /// <summary>The sum over paths.</summary>
    public double Sum => Paths.Sum(p => p.Product);

    /// <summary>The most paths <see cref="Find"/> lists before refusing.</summary>
    public const int MaxPaths = 10000;

    /// <summary>Lists every path from <paramref name="parameter"/> (<c>layerL.w[i,j]</c> or <c>layerL.b[j]</c>, L from 1) to the loss.</summary>
    public static ChainPaths Find(StepExplanation step, string parameter)
    {
        var match = Regex.Match(parameter.Trim(), @"^layer(\d+)\.(w)\[(\d+),\s*(\d+)\]$|^layer(\d+)\.(b)\[(\d+)\]$");
        if (!match.Success) throw new FormatException($"--paths: '{parameter}' is not a parameter; write layerL.w[i,j] or layerL.b[j], layers counted from 1.");
        bool weight = match.Groups[2].Success;
        int layer = int.Parse(match.Groups[weight ? 1 : 5].Value, CultureInfo.InvariantCulture);
        if (layer < 1 || layer > step.Layers.Count) throw new FormatException($"--paths: {parameter}: layer {layer} does not exist (layers 1..{step.Layers.Count}).");
        var l = step.Layers[layer - 1];
        int i = weight ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        int j = int.Parse(match.Groups[weight ? 4 : 7].Value, CultureInfo.InvariantCulture);
        if (weight && i >= l.W.Shape[0]) throw new FormatException($"--paths: {parameter}: row {i} is out of range; layer{layer}.w is [{l.W.Shape[0]}, {l.W.Shape[1]}].");
        if (j >= l.W.Shape[1]) throw new FormatException($"--paths: {parameter}: unit {j} is out of range; layer{layer} has {l.W.Shape[1]} outputs.");

        var paths = new List<ChainPath>();
        int n = l.Z.Shape[0];
        for (int r = 0; r < n; r++)
        {
            var first = weight
                ? new PathFactor($"∂z{layer}[{j}]/∂w{layer}[{i},{j}] = {(layer == 1 ? "x" : $"a{layer - 1}")}[{i}]", l.Input[r, i])
                : new PathFactor($"∂z{layer}[{j}]/∂b{layer}[{j}] = 1", 1);
            Walk(step, layer, j, r, [first], paths);
        }
        return new ChainPaths(parameter.Trim(), paths, weight ? l.DW[i, j] : l.DB[j]);
    }

    // From z of (layer, unit) in example r: through the activation to a, then along every weight of the next layer, until the loss.
    private static void Walk(StepExplanation step, int layer, int unit, int r, List<PathFactor> prefix, List<ChainPath> paths)
    {
        var l = step.Layers[layer - 1];
        if (paths.Count >= MaxPaths) throw new InvalidOperationException($"--paths: more than {MaxPaths} paths lead to the loss; choose a smaller network.");
        if (layer == step.Layers.Count && l.ActivationInLoss)
        {
            paths.Add(new ChainPath(r, [.. prefix, new PathFactor($"∂L/∂z{layer}[{unit}] = {LossDelta(step.Spec.Loss)}", l.DZ[r, unit])]));
            return;
        }
        foreach (var (q, slope) in ActivationEdges(l, unit, r))
        {
            var viaA = new List<PathFactor>(prefix) { new($"∂a{layer}[{q}]/∂z{layer}[{unit}] = {l.Activation.Info.Derivative}", slope) };
            if (layer == step.Layers.Count)
            {
                paths.Add(new ChainPath(r, [.. viaA, new PathFactor($"∂L/∂a{layer}[{q}]", l.DA![r, q])]));
                continue;
            }
            var next = step.Layers[layer];
            for (int k = 0; k < next.W.Shape[1]; k++)
                Walk(step, layer + 1, k, r, [.. viaA, new PathFactor($"∂z{layer + 1}[{k}]/∂a{layer}[{q}] = w{layer + 1}[{q},{k}]", next.W[q, k])], paths);
        }
    }

    // The units a[q] that z[unit] feeds, with ∂a[q]/∂z[unit]: only q = unit for an elementwise activation; every q for softmax.
    private static IEnumerable<(int Q, double Slope)> ActivationEdges(LayerStep l, int unit, int r)
    {
        if (l.Activation is ElementwiseActivation f)
        {
            yield return (unit, f.Derivative(l.Z[r, unit], l.A[r, unit]));
            yield break;
        }
        for (int q = 0; q < l.W.Shape[1]; q++) yield return (q, l.A[r, q] * ((q == unit ? 1 : 0) - l.A[r, unit]));
    }

    private static string LossDelta(Loss loss) => loss switch
    {
        CrossEntropy => "(p - y)/N",
        BinaryCrossEntropy => "(σ(z) - y)/M",
        _ => "dL/dz",
    };
}
