using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Nn.Activations;
using Backprop.Tensors;

namespace Backprop.Cli.Explain;

/// <summary>
/// Turns a <see cref="StepExplanation"/> into a <see cref="Walkthrough"/>: the given values, the forward pass and the loss (here),
/// the backward pass and the update (<see cref="WalkthroughBackward"/>). Every number shown is the engine's; the arithmetic beside it
/// is the tutorials' formula with those numbers substituted.
/// </summary>
internal static class WalkthroughBuilder
{
    /// <summary>Element-by-element substitutions are shown for one example when no layer is wider than this; else matrices.</summary>
    public const int MaxSubstitutedWidth = 8;

    public static Walkthrough Build(StepExplanation step, string source)
    {
        if (step.Modules is not null) return ModuleStepWalkthrough.Build(step, source);
        var spec = step.Spec;
        bool substitute = spec.X.Shape[0] == 1 && spec.Layers.All(l => l.Inputs <= MaxSubstitutedWidth && l.Outputs <= MaxSubstitutedWidth);
        string sizes = string.Join("-", [spec.Layers[0].Inputs, .. spec.Layers.Select(l => l.Outputs)]);
        int n = spec.X.Shape[0];
        string title = $"One training step of a {sizes} network ({string.Join(", ", spec.Layers.Select(l => l.Activation))}), " +
            $"loss {spec.Loss.Name}, {n} example{(n == 1 ? "" : "s")}, learning rate {Numbers.Short(spec.LearningRate)} ({source})";
        string check = step.Hand is { } hand ? $"autodiff = hand formulas (max |difference| {Numbers.Short(hand.MaxDifference)})" : $"no hand formula for {step.Spec.Loss.Name}: autodiff alone";
        var backward = WalkthroughBackward.Backward(step, substitute) with { Footer = check };
        return new Walkthrough(title, [Given(step), Forward(step, substitute), backward, WalkthroughBackward.Update(step, substitute)]);
    }

    private static Section Given(StepExplanation step)
    {
        var spec = step.Spec;
        var stages = new List<Stage> { Shown("X", "inputs, one row per example", spec.X) };
        if (spec.Loss.Task == TaskKind.Classification) // class indices, shown one-hot
            stages.Add(Shown("Y", $"one-hot targets of the classes [{string.Join(", ", spec.Y.ToArray().Select(Numbers.Short))}]", OneHot(step)));
        else stages.Add(Shown("Y", "targets", spec.Y));
        foreach (var l in step.Layers)
        {
            stages.Add(Shown(Expr.Matrix("W", l.Index), $"weights of layer {l.Index} [{l.W.Shape[0]} in, {l.W.Shape[1]} out], activation {l.Activation}", l.W));
            stages.Add(Shown(Expr.Matrix("b", l.Index), $"biases of layer {l.Index}", l.B));
        }
        return new Section("Given", stages, $"learning rate λ = {Numbers.Short(spec.LearningRate)}");
    }

    private static Stage Shown(Expr name, string what, Tensor<double> value) => new(name, null, [], name, value, what);

    private static Section Forward(StepExplanation step, bool substitute)
    {
        var stages = new List<Stage>();
        foreach (var l in step.Layers)
        {
            stages.Add(Linear(l.Forward, substitute));
            if (l.Norm is { } norm) stages.AddRange(BatchNormStages.Forward(l.Forward, norm, substitute));
            stages.Add(Activate(step.Spec.Loss, l.Forward, substitute));
        }
        stages.Add(LossStage(step, substitute));
        return new Section("Forward pass", stages);
    }

    /// <summary>Z = A·W + b, with the numbers substituted when <paramref name="substitute"/> (one example).</summary>
    internal static Stage Linear(LayerForward l, bool substitute)
    {
        int k = l.Index;
        var formula = Expr.Matrix("Z", k) + " = " + Expr.Matrix("A", k - 1) + Expr.Times + Expr.Matrix("W", k) + " + " + Expr.Matrix("b", k);
        var elementwise = Expr.Element("z", k, "j") + " = " + new Expr("Σᵢ ", @"\sum_i ") + Expr.Element("a", k - 1, "i") + Expr.Times
            + Expr.Element("w", k, "i,j") + " + " + Expr.Element("b", k, "j");
        if (!substitute) return new Stage(formula, elementwise, [], Expr.Matrix("Z", k), l.Z);
        var subs = new List<Substitution>();
        for (int j = 0; j < l.W.Shape[1]; j++)
        {
            var terms = Enumerable.Range(0, l.W.Shape[0]).Select(i => Expr.Factor(l.Input[0, i]) + Expr.Times + Expr.Factor(l.W[i, j]));
            subs.Add(new(Expr.Element("z", k, j), Expr.Join(" + ", terms) + Expr.Plus(l.B[j]) + " = " + Expr.Num(l.Z[0, j])));
        }
        return new Stage(formula, elementwise, subs);
    }

    /// <summary>A = f(Z), or P = softmax(Z) / σ(Z) when the activation belongs to the loss; f written from its ActivationInfo. Z and A are
    /// numbered as the batch norm's layer when the layer has one (its output is what the activation reads).</summary>
    internal static Stage Activate(Loss loss, LayerForward l, bool substitute)
    {
        int k = l.OutputIndex;
        var activation = l.ActivationInLoss ? loss.OutputActivation ?? l.Activation : l.Activation;
        bool softmax = activation is Softmax;
        var a = OutputMatrix(l);
        var z = Expr.Matrix("Z", k);
        Expr formula = a + " = " + (softmax ? new Expr("softmax(", @"\mathrm{softmax}(") + z + ")" : FormulaExpr.Of(activation.Info.Formula, z, a));
        if (l.ActivationInLoss) formula += new Expr("   (inside the loss)", @"\quad\text{(inside the loss)}");
        Expr? elementwise = softmax
            ? OutputElement(l, "j") + " = " + Expr.Fraction(new Expr("e^z[j]", "e^{z[j]}"), new Expr("Σₖ e^z[k]", @"\sum_k e^{z[k]}"))
            : activation.Info.Definition is { } definition ? FormulaExpr.Of(definition, "z", "a") : (Expr?)null;
        if (!substitute) return new Stage(formula, elementwise, [], a, l.A);
        var subs = new List<Substitution>();
        int width = l.W.Shape[1];
        for (int j = 0; j < width; j++)
        {
            double zj = l.PreActivation[0, j], aj = l.A[0, j];
            Expr work = softmax ? Expr.Fraction(Exp(zj), Expr.Join(" + ", Enumerable.Range(0, width).Select(q => Exp(l.PreActivation[0, q]))))
                : FormulaExpr.Of(activation.Info.Formula, zj, aj);
            subs.Add(new(OutputElement(l, j), activation.IsIdentity ? Expr.Num(aj) : work + " = " + Expr.Num(aj)));
        }
        return new Stage(formula, elementwise, subs);
    }

    // L from the output, written as the loss's entry in LossFormulas gives it.
    internal static Stage LossStage(StepExplanation step, bool substitute)
    {
        var spec = step.Spec;
        var last = step.Layers[^1];
        var o = OutputMatrix(last.Forward);
        var context = new LossFormulas.Context(step, last.ActivationInLoss ? "P" : Applied(spec.Loss, o), o, spec.X.Shape[0], last.W.Shape[1], Probabilities(step));
        Expr formula = "L = " + LossFormulas.Formula(context);
        if (!substitute || LossFormulas.Work(context) is not { } work) return new Stage(formula, null, [new Substitution("L", Expr.Num(step.Loss))]);
        return new Stage(formula, null, [new("L", work + " = " + Expr.Num(step.Loss))]);
    }

    /// <summary>The loss's own output activation applied to <paramref name="x"/> (softmax(A), σ(A)), or <paramref name="x"/> when it has none.</summary>
    internal static Expr Applied(Loss loss, Expr x) => loss.OutputActivation switch
    {
        null => x,
        Softmax => new Expr("softmax(", @"\mathrm{softmax}(") + x + ")",
        Sigmoid => Expr.Sigma + "(" + x + ")",
        var f => f.ToString() + "(" + x + ")",
    };

    /// <summary>The probabilities the loss compares with the targets: P itself, or softmax/σ of the last A when its activation is not the loss's.</summary>
    internal static Tensor<double> Probabilities(StepExplanation step)
    {
        var last = step.Layers[^1];
        return last.ActivationInLoss || step.Spec.Loss.OutputActivation is null ? last.A : step.Spec.Loss.Predict(last.A.Clone());
    }

    private static Expr Exp(double z) => new($"e^{Expr.Factor(z).Text}", $"e^{{{Expr.Num(z).Latex}}}");

    /// <summary>A of the layer, or P when its activation is the loss's.</summary>
    private static Expr OutputMatrix(LayerForward l) => l.ActivationInLoss ? "P" : Expr.Matrix("A", l.OutputIndex);

    private static Expr OutputElement(LayerForward l, string at) => l.ActivationInLoss ? $"p[{at}]" : Expr.Element("a", l.OutputIndex, at);

    private static Expr OutputElement(LayerForward l, int j) => OutputElement(l, Numbers.Int(j));

    private static Tensor<double> OneHot(StepExplanation step)
    {
        int n = step.Spec.X.Shape[0], outputs = step.Layers[^1].W.Shape[1];
        var y = Tensor<double>.Zeros(n, outputs);
        for (int r = 0; r < n; r++) y[r, (int)step.Spec.Y[r]] = 1;
        return y;
    }

    /// <summary>Target y[r, j] as a number: one-hot for class indices.</summary>
    internal static double Target(StepExplanation step, int r, int j) =>
        step.Spec.Loss.Task == TaskKind.Classification ? ((int)step.Spec.Y[r] == j ? 1 : 0) : step.Spec.Y[r, j];
}
