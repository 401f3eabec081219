using System.Globalization;
using Backprop.Diagnostics;
using Backprop.Tensors;

namespace Backprop.Cli.Explain;

/// <summary>
/// A batch normalisation in evaluation mode as walk-through stages, numbered as the model numbers it (layer o after Dense layer k):
/// forward X̂o = (Zk − μo)/√(σ²o + ε), Zo = γo ⊙ X̂o + βo and its local derivative ∂zo/∂zk = γo/√(σ²o + ε) (a diagonal);
/// backward dγo = Σ dZo ⊙ X̂o, dβo = Σ dZo and dZk = dZo ⊙ γo/√(σ²o + ε). Every number is the engine's.
/// </summary>
internal static class BatchNormStages
{
    public static IEnumerable<Stage> Forward(LayerForward l, BatchNormStep norm, bool substitute)
    {
        int k = l.Index, o = norm.Index, width = norm.Norm.Features;
        var (mean, variance, gamma, beta) = (norm.Norm.RunningMean, norm.Norm.RunningVar, norm.Norm.Gamma, norm.Norm.Beta);
        var xhat = Greek("X̂", @"\hat{X}", o);
        var epsNote = Expr.Note($"batch norm, layer {o}: running mean μ, running variance σ², ε = {Numbers.Short(norm.Norm.Eps)}");
        yield return Build(xhat + " = " + OverRoot(Expr.Matrix("Z", k) + " - " + Greek("μ", @"\mu", o), Greek("σ²", @"\sigma^2", o) + " + ε") + epsNote,
            Element("x̂", @"\hat{x}", o, "j") + " = " + OverRoot(Expr.Element("z", k, "j") + " - " + Element("μ", @"\mu", o, "j"), Element("σ²", @"\sigma^2", o, "j") + " + ε"),
            xhat, norm.XHat, substitute, j => (Element("x̂", @"\hat{x}", o, j),
                OverRoot(Expr.Num(l.Z[0, j]) + " - " + Expr.Factor(mean[j]), Expr.Num(variance[j]) + " + " + Expr.Num(norm.Norm.Eps)) + " = " + Expr.Num(norm.XHat[0, j])), width);
        yield return Build(Expr.Matrix("Z", o) + " = " + Greek("γ", @"\gamma", o) + Expr.Hadamard + xhat + " + " + Greek("β", @"\beta", o) + Expr.Note("γ is the model's weight, β its bias"),
            Expr.Element("z", o, "j") + " = " + Element("γ", @"\gamma", o, "j") + Expr.Times + Element("x̂", @"\hat{x}", o, "j") + " + " + Element("β", @"\beta", o, "j"),
            Expr.Matrix("Z", o), norm.Y, substitute, j => (Expr.Element("z", o, j),
                Expr.Factor(gamma[j]) + Expr.Times + Expr.Factor(norm.XHat[0, j]) + Expr.Plus(beta[j]) + " = " + Expr.Num(norm.Y[0, j])), width);
        yield return Build(Partial(Expr.Matrix("Z", o), Expr.Matrix("Z", k)) + " = " + OverRoot(Greek("γ", @"\gamma", o), Greek("σ²", @"\sigma^2", o) + " + ε")
                + Expr.Note("local derivative, a diagonal: each z depends on its own feature only; by autodiff"),
            null, Partial(Expr.Matrix("Z", o), Expr.Matrix("Z", k)), norm.Slope, substitute, j => (Partial(Expr.Element("z", o, j), Expr.Element("z", k, j)),
                OverRoot(Expr.Num(gamma[j]), Expr.Num(variance[j]) + " + " + Expr.Num(norm.Norm.Eps)) + " = " + Expr.Num(norm.Slope[j])), width);
    }

    public static IEnumerable<Stage> Backward(LayerStep l, BatchNormStep norm, bool substitute)
    {
        int k = l.Index, o = norm.Index, width = norm.Norm.Features;
        var (dy, dgamma, dbeta) = (norm.DY!, norm.DGamma!, norm.DBeta!);
        var xhat = Greek("X̂", @"\hat{X}", o);
        Expr sum = l.Z.Shape[0] == 1 ? "" : new Expr("Σₙ ", @"\sum_n ");
        yield return Build(Expr.Grad(Greek("γ", @"\gamma", o)) + " = " + sum + Expr.Grad(Expr.Matrix("Z", o)) + Expr.Hadamard + xhat + Expr.Note($"layer{o}.weight"),
            Expr.Grad(Element("γ", @"\gamma", o, "j")) + " = " + sum + Expr.Grad(Expr.Element("z", o, "j")) + Expr.Times + Element("x̂", @"\hat{x}", o, "j"),
            Expr.Grad(Greek("γ", @"\gamma", o)), dgamma, substitute, j => (Expr.Grad(Element("γ", @"\gamma", o, j)),
                Expr.Factor(dy[0, j]) + Expr.Times + Expr.Factor(norm.XHat[0, j]) + " = " + Expr.Num(dgamma[j])), width);
        yield return Build(Expr.Grad(Greek("β", @"\beta", o)) + " = " + sum + Expr.Grad(Expr.Matrix("Z", o)) + Expr.Note($"layer{o}.bias"),
            Expr.Grad(Element("β", @"\beta", o, "j")) + " = " + sum + Expr.Grad(Expr.Element("z", o, "j")),
            Expr.Grad(Greek("β", @"\beta", o)), dbeta, substitute, j => (Expr.Grad(Element("β", @"\beta", o, j)), Expr.Num(dbeta[j])), width);
        yield return Build(Expr.Grad(Expr.Matrix("Z", k)) + " = " + Expr.Grad(Expr.Matrix("Z", o)) + Expr.Hadamard + Partial(Expr.Matrix("Z", o), Expr.Matrix("Z", k)),
            Expr.Grad(Expr.Element("z", k, "j")) + " = " + Expr.Grad(Expr.Element("z", o, "j")) + Expr.Times + OverRoot(Element("γ", @"\gamma", o, "j"), Element("σ²", @"\sigma^2", o, "j") + " + ε"),
            Expr.Grad(Expr.Matrix("Z", k)), l.DZ, substitute, j => (Expr.Grad(Expr.Element("z", k, j)),
                Expr.Factor(dy[0, j]) + Expr.Times + Expr.Factor(norm.Slope[j]) + " = " + Expr.Num(l.DZ[0, j])), width);
    }

    // A stage with one substitution per feature (one example), or else the whole tensor.
    private static Stage Build(Expr formula, Expr? elementwise, Expr name, Tensor<double> value, bool substitute, Func<int, (Expr Left, Expr Right)> at, int width) =>
        substitute ? new Stage(formula, elementwise, [.. Enumerable.Range(0, width).Select(j => at(j)).Select(s => new Substitution(s.Left, s.Right))])
            : new Stage(formula, elementwise, [], name, value);

    private static Expr Greek(string text, string latex, int layer) => new($"{text}{layer}", $"{latex}_{{{layer}}}");

    private static Expr Element(string text, string latex, int layer, string at) => new($"{text}{layer}[{at}]", $"{latex}_{{{layer}}}[{at}]");

    private static Expr Element(string text, string latex, int layer, int j) => Element(text, latex, layer, j.ToString(CultureInfo.InvariantCulture));

    // numerator/√(under): the numerator in parentheses when compound; \frac{..}{\sqrt{..}} in LaTeX.
    private static Expr OverRoot(Expr numerator, Expr under) => new((numerator.Text.Contains(' ', StringComparison.Ordinal) ? $"({numerator.Text})" : numerator.Text) + $"/√({under.Text})",
        $@"\frac{{{numerator.Latex}}}{{\sqrt{{{under.Latex}}}}}");

    private static Expr Partial(Expr of, Expr by) => new($"∂{of.Text}/∂{by.Text}", $@"\frac{{\partial {of.Latex}}}{{\partial {by.Latex}}}");

}
