using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Autograd;

/// <summary>Reverse-mode differentiation over the recorded graph.</summary>
internal static class Graph
{
    /// <summary>
    /// Seeds <c>dRoot/dRoot</c> (1, or <paramref name="gradient"/>), then visits the graph in reverse
    /// topological order so that each node runs only after every path into its output has added to it.
    /// Leaves accumulate across calls; the gradients of intermediate tensors are those of this call.
    /// </summary>
    public static void Backward<T>(Tensor<T> root, Tensor<T>? gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradient is null && root.Length != 1)
            throw new InvalidOperationException($"Backward() needs a scalar or an explicit gradient; got {root.Shape}.");
        if (gradient is not null && gradient.Shape != root.Shape)
            throw new ArgumentException($"Backward(gradient): gradient {gradient.Shape} does not match the tensor {root.Shape}.");
        if (!root.RequiresGrad)
            throw new InvalidOperationException($"Backward(): the tensor {root.Shape} does not require a gradient (no input had RequiresGrad, or it was computed under NoGrad).");

        var order = TopologicalOrder(root);
        foreach (var t in order) if (t.Creator is not null) t.Grad?.Span.Clear();

        var seed = root.GradBuffer().Span;
        if (gradient is null) seed[0] += T.One;
        else Kernels.Elementwise.AddInPlace(seed, gradient.Span);

        for (int i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            if (t.Creator is { } node && t.Grad is { } g) node.Backward(t, g);
        }
    }

    /// <summary>
    /// The local derivatives of <paramref name="root"/> at <paramref name="stops"/>: dRoot/dStop for the seed <paramref name="seed"/>, following the
    /// graph only down to the stops (each stop is held fixed, as a leaf: the partial derivative, not the total one through the other stops).
    /// Every tensor's <see cref="Tensor{T}.Grad"/> is left as it was.
    /// </summary>
    public static Dictionary<Tensor<T>, T[]> Local<T>(Tensor<T> root, ReadOnlySpan<T> seed, IReadOnlySet<Tensor<T>> stops) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var order = TopologicalOrder(root, stops);
        var kept = order.Select(t => t.Grad).ToArray();
        foreach (var t in order) t.Grad = null;
        try
        {
            seed.CopyTo(root.GradBuffer().Span);
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var t = order[i];
                if (t.Creator is { } node && t.Grad is { } g && (ReferenceEquals(t, root) || !stops.Contains(t))) node.Backward(t, g);
            }
            var local = new Dictionary<Tensor<T>, T[]>(ReferenceEqualityComparer.Instance);
            var reached = new HashSet<Tensor<T>>(order, ReferenceEqualityComparer.Instance);
            foreach (var s in stops) local[s] = reached.Contains(s) && s.Grad is { } grad ? grad.ToArray() : new T[s.Length];
            return local;
        }
        finally
        {
            for (int i = 0; i < order.Count; i++) order[i].Grad = kept[i];
        }
    }

    /// <summary>Tensors reachable from <paramref name="root"/> that require a gradient, each after all its inputs (iterative depth-first search);
    /// the inputs of a tensor in <paramref name="stops"/> are not followed.</summary>
    private static List<Tensor<T>> TopologicalOrder<T>(Tensor<T> root, IReadOnlySet<Tensor<T>>? stops = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var order = new List<Tensor<T>>();
        var visited = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor<T> Tensor, int NextInput)>();
        visited.Add(root);
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var inputs = stops is not null && !ReferenceEquals(t, root) && stops.Contains(t) ? null : t.Creator?.Inputs;
            if (inputs is not null && next < inputs.Count)
            {
                stack.Push((t, next + 1));
                var input = inputs[next];
                if (input.RequiresGrad && visited.Add(input)) stack.Push((input, 0));
            }
            else order.Add(t);
        }
        return order;
    }
}
