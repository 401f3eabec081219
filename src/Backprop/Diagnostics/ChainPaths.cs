using System.Globalization;
using System.Text.RegularExpressions;
using Backprop.Errors;
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

    /// <summary>The most factors, over all paths, <see cref="Find"/> lists before refusing (a path through L layers has about 2L).</summary>
    public const long MaxFactors = 2_000_000;

    /// <summary>Lists every path from <paramref name="parameter"/> (<c>layerL.w[i,j]</c> or <c>layerL.b[j]</c>, L from 1) to the loss.</summary>
    public static ChainPaths Find(StepExplanation step, string parameter)
    {
        var match = Regex.Match(parameter.Trim(), @"^layer(\d+)\.(w)\[(\d+),\s*(\d+)\]$|^layer(\d+)\.(b)\[(\d+)\]$");
        if (!match.Success) throw BackpropException.BadSetting($"--paths: '{parameter}' is not a parameter; write layerL.w[i,j] or layerL.b[j], layers counted from 1; {Names(step)}.");
        bool weight = match.Groups[2].Success;
        int layer = int.Parse(match.Groups[weight ? 1 : 5].Value, CultureInfo.InvariantCulture);
        if (layer < 1 || layer > step.Layers.Count) throw BackpropException.BadSetting($"--paths: {parameter}: layer {layer} does not exist (layers 1..{step.Layers.Count}); {Names(step)}.");
        var l = step.Layers[layer - 1];
        int i = weight ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        int j = int.Parse(match.Groups[weight ? 4 : 7].Value, CultureInfo.InvariantCulture);
        if (weight && i >= l.W.Shape[0]) throw BackpropException.BadSetting($"--paths: {parameter}: row {i} is out of range; layer{layer}.w is [{l.W.Shape[0]}, {l.W.Shape[1]}]; {Names(step)}.");
        if (j >= l.W.Shape[1]) throw BackpropException.BadSetting($"--paths: {parameter}: unit {j} is out of range; layer{layer} has {l.W.Shape[1]} outputs; {Names(step)}.");

        var paths = new List<ChainPath>();
        int n = l.Z.Shape[0];
        long factors = 0;
        for (int r = 0; r < n; r++)
        {
            var first = weight
                ? new PathFactor($"∂z{layer}[{j}]/∂w{layer}[{i},{j}] = {(layer == 1 ? "x" : $"a{layer - 1}")}[{i}]", l.Input[r, i])
                : new PathFactor($"∂z{layer}[{j}]/∂b{layer}[{j}] = 1", 1);
            Walk(step, layer, j, r, first, paths, ref factors);
        }
        return new ChainPaths(parameter.Trim(), paths, weight ? l.DW[i, j] : l.DB[j]);
    }

    /// <summary>The parameters <see cref="Find"/> takes, as ranges: <c>the parameters are layer1.w[0..1,0..2], layer1.b[0..2], ...</c>.</summary>
    public static string Names(StepExplanation step) => "the parameters are " + string.Join(", ", step.Layers.SelectMany(l => new[]
    {
        $"layer{l.Index}.w[0..{l.W.Shape[0] - 1},0..{l.W.Shape[1] - 1}]", $"layer{l.Index}.b[0..{l.W.Shape[1] - 1}]",
    }));

    // Where a step of the walk arrives: at z of (layer, unit), at a of (layer, unit), or at the loss (the path is complete).
    private enum Node { Z, A, Loss }

    // One edge still to follow: cut the path back to Depth factors, append Factor, then go on from Node (Layer, Unit).
    private readonly record struct Edge(int Depth, PathFactor Factor, Node Node, int Layer, int Unit);

    // Every path from z of (layer, unit) in example r to the loss, depth first with an explicit stack (a network may have
    // thousands of layers): through the activation to a, then along every weight of the next layer, until the loss.
    private static void Walk(StepExplanation step, int layer, int unit, int r, PathFactor first, List<ChainPath> paths, ref long factors)
    {
        var path = new List<PathFactor>();
        var stack = new Stack<Edge>();
        stack.Push(new Edge(0, first, Node.Z, layer, unit));
        var children = new List<Edge>();
        while (stack.TryPop(out var e))
        {
            path.RemoveRange(e.Depth, path.Count - e.Depth);
            path.Add(e.Factor);
            if (e.Node == Node.Loss)
            {
                factors += path.Count;
                if (paths.Count == MaxPaths || factors > MaxFactors)
                    throw BackpropException.BadSetting($"--paths: more than {MaxPaths} paths or {MaxFactors} factors lead to the loss; choose a smaller network.");
                paths.Add(new ChainPath(r, [.. path]));
                continue;
            }
            children.Clear();
            Expand(step, e, path.Count, r, children);
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]); // the first child is walked first
        }
    }

    // The edges out of a z or a node, in order.
    private static void Expand(StepExplanation step, Edge e, int depth, int r, List<Edge> children)
    {
        var l = step.Layers[e.Layer - 1];
        bool last = e.Layer == step.Layers.Count;
        if (e.Node == Node.Z && last && l.ActivationInLoss)
            children.Add(new Edge(depth, new PathFactor($"∂L/∂z{e.Layer}[{e.Unit}] = {LossDelta(step.Spec.Loss)}", l.DZ[r, e.Unit]), Node.Loss, e.Layer, e.Unit));
        else if (e.Node == Node.Z)
            foreach (var (q, slope) in ActivationEdges(l, e.Unit, r))
                children.Add(new Edge(depth, new PathFactor($"∂a{e.Layer}[{q}]/∂z{e.Layer}[{e.Unit}] = {l.Activation.Info.Derivative}", slope), Node.A, e.Layer, q));
        else if (last)
            children.Add(new Edge(depth, new PathFactor($"∂L/∂a{e.Layer}[{e.Unit}]", l.DA![r, e.Unit]), Node.Loss, e.Layer, e.Unit));
        else
        {
            var next = step.Layers[e.Layer];
            for (int k = 0; k < next.W.Shape[1]; k++)
                children.Add(new Edge(depth, new PathFactor($"∂z{e.Layer + 1}[{k}]/∂a{e.Layer}[{e.Unit}] = w{e.Layer + 1}[{e.Unit},{k}]", next.W[e.Unit, k]), Node.Z, e.Layer + 1, k));
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
