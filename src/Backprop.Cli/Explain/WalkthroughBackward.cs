using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Nn.Activations;
using Backprop.Tensors;

namespace Backprop.Cli.Explain;

/// <summary>The backward pass (dZ, a batch norm's dγ, dβ and dZ before it, dW, db, dA layer by layer, last layer first) and the update w ← w - λ·dw.</summary>
internal static class WalkthroughBackward
{
    public static Section Backward(StepExplanation step, bool substitute)
    {
        var stages = new List<Stage>(OutputDelta(step, substitute));
        int n = step.Spec.X.Shape[0];
        for (int k = step.Layers.Count; k >= 1; k--)
        {
            var l = step.Layers[k - 1];
            if (l.Norm is { } norm) stages.AddRange(BatchNormStages.Backward(l, norm, substitute));
            stages.Add(WeightGradient(l, n, substitute));
            stages.Add(BiasGradient(l, n, substitute));
            if (k == 1) break;
            stages.Add(InputGradient(l, substitute));
            stages.Add(ThroughActivation(step.Layers[k - 2], l.DInput!, substitute));
        }
        return new Section("Backward pass", stages,
            new Expr("every gradient shown is the engine's autodiff result; dX stands for dL/dX", "every gradient shown is the engine's autodiff result"));
    }

    // dL/dZ of the last layer: P - Y when the activation is the loss's own, else dL/dA from the loss and then through f'.
    private static IEnumerable<Stage> OutputDelta(StepExplanation step, bool substitute)
    {
        var spec = step.Spec;
        var last = step.Layers[^1];
        int k = last.Forward.OutputIndex, n = spec.X.Shape[0], m = last.W.Shape[1];
        var probabilities = WalkthroughBuilder.Probabilities(step);
        var target = last.ActivationInLoss ? Expr.Matrix("Z", k) : Expr.Matrix("A", k);
        var values = last.ActivationInLoss ? last.Norm?.DY ?? last.DZ : last.DA!;
        if (spec.Loss.Delta is not { } delta) // a loss whose gradient has no (ŷ − y)/D form: the engine's values, without a formula
        {
            yield return new Stage(Expr.Grad(target) + Expr.Note($"the gradient of {spec.Loss.Name} at the output"), null, [], Expr.Grad(target), values);
            if (!last.ActivationInLoss) yield return ThroughActivation(last, last.DA!, substitute);
            yield break;
        }
        bool mean = delta.OverOutputs; // δ = factor·(ŷ − y)/D, as the loss declares it
        int divisor = mean ? n * m : n;
        Expr divisorName = mean ? new Expr("N·M", "NM") : "N";
        int factor = delta.Factor;
        // (O - Y)/N, (O - Y)/(N·M) or 2·(O - Y)/(N·M), with the division left out when it is by 1.
        Expr Scaled(Expr difference, Expr by)
        {
            var quotient = divisor == 1 ? (factor != 1 ? "(" + difference + ")" : difference) : Expr.Fraction(difference, by);
            return factor != 1 ? Numbers.Int(factor) + Expr.Times + quotient : quotient;
        }
        Expr ScaledNumbers(double o, double y) => Scaled(Expr.Num(o) + " - " + Expr.Factor(y), Numbers.Int(divisor));

        Expr output = last.ActivationInLoss ? "P" : WalkthroughBuilder.Applied(spec.Loss, Expr.Matrix("A", k));
        var formula = Expr.Grad(target) + " = " + Scaled(output + " - Y", divisorName);
        string element = last.ActivationInLoss ? "z" : "a";
        Expr shownOutput = last.ActivationInLoss ? "p[j]" : Expr.Element("a", k, "j");
        var elementwise = Expr.Grad(Expr.Element(element, k, "j")) + " = " + Scaled(shownOutput + " - y[j]", divisorName);
        if (!substitute) yield return new Stage(formula, elementwise, [], Expr.Grad(target), values);
        else
        {
            var subs = new List<Substitution>();
            for (int j = 0; j < m; j++)
                subs.Add(new(Expr.Grad(Expr.Element(element, k, j)), ScaledNumbers(probabilities[0, j], WalkthroughBuilder.Target(step, 0, j)) + " = " + Expr.Num(values[0, j])));
            yield return new Stage(formula, elementwise, subs);
        }
        if (!last.ActivationInLoss) yield return ThroughActivation(last, last.DA!, substitute);
    }

    // dZ = dA ⊙ f'(Z), with f' the activation's slope factor, written through A where it can be: σ' = A(1 - A), tanh' = 1 - A²;
    // Z being what the activation reads (the batch norm's output, numbered as its layer, when there is one).
    private static Stage ThroughActivation(LayerStep l, Tensor<double> dA, bool substitute)
    {
        int k = l.Forward.OutputIndex;
        var dz = l.Norm?.DY ?? l.DZ;
        Expr a = Expr.Matrix("A", k), z = Expr.Matrix("Z", k), dAName = Expr.Grad(a);
        Expr ai = Expr.Element("a", k, "i"), dai = Expr.Grad(ai), zi = Expr.Element("z", k, "i");
        var activation = l.Activation;
        string slope = activation.Info.SlopeFactor;
        var (formula, elementwise) = activation is Softmax
            ? (a + Expr.Hadamard + "(" + dAName + " - rowsum(" + dAName + Expr.Hadamard + a + "))",
                ai + Expr.Times + "(" + dai + " - " + new Expr("Σₖ ", @"\sum_k ") + Expr.Grad(Expr.Element("a", k, "k")) + Expr.Times + Expr.Element("a", k, "k") + ")")
            : activation.IsIdentity ? (dAName, dai)
            : (dAName + Expr.Hadamard + FormulaExpr.Of(slope.Replace("·", " ⊙ ", StringComparison.Ordinal), z, a), dai + Expr.Times + FormulaExpr.Of(slope, zi, ai));
        var name = Expr.Grad(z);
        formula = name + " = " + formula;
        elementwise = Expr.Grad(zi) + " = " + elementwise;
        if (!substitute) return new Stage(formula, elementwise, [], name, dz);
        int width = l.W.Shape[1];
        double dot = 0;
        for (int q = 0; q < width; q++) dot += dA[0, q] * l.A[0, q];
        var subs = new List<Substitution>();
        for (int i = 0; i < width; i++)
        {
            double d = dA[0, i], av = l.A[0, i], zv = l.PreActivation[0, i];
            Expr work = activation is Softmax ? Expr.Num(av) + Expr.Times + "(" + Expr.Num(d) + " - " + Expr.Factor(dot) + ")"
                : Expr.Factor(d) + Expr.Times + FormulaExpr.Of(slope, zv, av);
            subs.Add(new(Expr.Grad(Expr.Element("z", k, i)), activation.IsIdentity ? Expr.Num(dz[0, i]) : work + " = " + Expr.Num(dz[0, i])));
        }
        return new Stage(formula, elementwise, subs);
    }

    // dW = Aᵀ·dZ (the layer's input transposed).
    private static Stage WeightGradient(LayerStep l, int n, bool substitute)
    {
        int k = l.Index;
        var name = Expr.Grad(Expr.Matrix("W", k));
        var formula = name + " = " + Expr.Transposed(Expr.Matrix("A", k - 1)) + Expr.Times + Expr.Grad(Expr.Matrix("Z", k));
        var elementwise = Expr.Grad(Expr.Element("w", k, "i,j")) + " = " + SumOverExamples(n) + Expr.Element("a", k - 1, "i") + Expr.Times + Expr.Grad(Expr.Element("z", k, "j"));
        if (!substitute) return new Stage(formula, elementwise, [], name, l.DW);
        var subs = new List<Substitution>();
        for (int i = 0; i < l.W.Shape[0]; i++)
            for (int j = 0; j < l.W.Shape[1]; j++)
                subs.Add(new(Expr.Grad(Expr.Element("w", k, i, j)), Expr.Factor(l.Input[0, i]) + Expr.Times + Expr.Factor(l.DZ[0, j]) + " = " + Expr.Num(l.DW[i, j])));
        return new Stage(formula, elementwise, subs);
    }

    // db = dZ summed over the examples.
    private static Stage BiasGradient(LayerStep l, int n, bool substitute)
    {
        int k = l.Index;
        var name = Expr.Grad(Expr.Matrix("b", k));
        var formula = name + " = " + SumOverExamples(n) + Expr.Grad(Expr.Matrix("Z", k));
        var elementwise = Expr.Grad(Expr.Element("b", k, "j")) + " = " + SumOverExamples(n) + Expr.Grad(Expr.Element("z", k, "j"));
        if (!substitute) return new Stage(formula, elementwise, [], name, l.DB);
        var subs = Enumerable.Range(0, l.W.Shape[1]).Select(j => new Substitution(Expr.Grad(Expr.Element("b", k, j)), Expr.Num(l.DB[j]))).ToList();
        return new Stage(formula, elementwise, subs);
    }

    // dA of the layer before = dZ·Wᵀ: each input's gradient gathers every unit it feeds.
    private static Stage InputGradient(LayerStep l, bool substitute)
    {
        int k = l.Index;
        var name = Expr.Grad(Expr.Matrix("A", k - 1));
        var formula = name + " = " + Expr.Grad(Expr.Matrix("Z", k)) + Expr.Times + Expr.Transposed(Expr.Matrix("W", k));
        var elementwise = Expr.Grad(Expr.Element("a", k - 1, "i")) + " = " + new Expr("Σⱼ ", @"\sum_j ") + Expr.Grad(Expr.Element("z", k, "j")) + Expr.Times + Expr.Element("w", k, "i,j");
        if (!substitute) return new Stage(formula, elementwise, [], name, l.DInput);
        var subs = new List<Substitution>();
        for (int i = 0; i < l.W.Shape[0]; i++)
        {
            var terms = Enumerable.Range(0, l.W.Shape[1]).Select(j => Expr.Factor(l.DZ[0, j]) + Expr.Times + Expr.Factor(l.W[i, j]));
            subs.Add(new(Expr.Grad(Expr.Element("a", k - 1, i)), Expr.Join(" + ", terms) + " = " + Expr.Num(l.DInput![0, i])));
        }
        return new Stage(formula, elementwise, subs);
    }

    private static Expr SumOverExamples(int n) => n == 1 ? "" : new Expr("Σₙ ", @"\sum_n ");

    public static Section Update(StepExplanation step, bool substitute)
    {
        double lr = step.Spec.LearningRate;
        var stages = new List<Stage>();
        foreach (var l in step.Layers)
        {
            stages.Add(Updated(Expr.Matrix("W", l.Index), "w", l.Index, l.W, l.DW, l.WUpdated, lr, substitute, step.Spec.Optimizer));
            stages.Add(Updated(Expr.Matrix("b", l.Index), "b", l.Index, l.B, l.DB, l.BUpdated, lr, substitute, step.Spec.Optimizer));
        }
        return new Section("Update", stages, UpdateRenderer.Summary(step.Spec));
    }

    private static Stage Updated(Expr matrix, string element, int k, Tensor<double> before, Tensor<double> gradient, Tensor<double> after, double lr, bool substitute,
        SpecOptimizer? optimizer)
    {
        var formula = matrix + new Expr(" ← ", @" \leftarrow ") + matrix + " - " + Expr.Lambda + Expr.Times + Expr.Grad(matrix);
        if (optimizer is not null) formula = matrix + new Expr(" ← ", @" \leftarrow ") + UpdateRenderer.StepOf(optimizer, matrix);
        if (!substitute || optimizer is not null) return new Stage(formula, null, [], matrix, after);
        var subs = new List<Substitution>();
        int rows = before.Rank == 1 ? 1 : before.Shape[0], columns = before.Shape[before.Rank - 1];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                int flat = i * columns + j;
                var name = before.Rank == 1 ? Expr.Element(element, k, j) : Expr.Element(element, k, i, j);
                subs.Add(new(name, Expr.Num(before.Span[flat]) + " - " + Expr.Num(lr) + Expr.Times + Expr.Factor(gradient.Span[flat]) + " = " + Expr.Num(after.Span[flat]), Assigns: true));
            }
        return new Stage(formula, null, subs);
    }
}
