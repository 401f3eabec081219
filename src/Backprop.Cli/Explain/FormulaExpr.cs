using System.Text.RegularExpressions;

namespace Backprop.Cli.Explain;

/// <summary>
/// An activation's formula text (<see cref="Nn.ActivationInfo"/>: z the input, a the output) as an <see cref="Expr"/>, with z and a
/// replaced by matrix or element names, or by numbers; the LaTeX side translates the few symbols the formulas use.
/// </summary>
internal static partial class FormulaExpr
{
    /// <summary>The formula with z and a written as <paramref name="z"/> and <paramref name="a"/>.</summary>
    public static Expr Of(string formula, Expr z, Expr a) => Build(formula, (name, _, _) => name == 'z' ? z : a);

    /// <summary>
    /// The formula with the numbers substituted: bare where the variable is a whole argument (<c>max(0, -0.3)</c>), in parentheses
    /// when negative elsewhere (<c>0.1·(-0.3)</c>).
    /// </summary>
    public static Expr Of(string formula, double z, double a) => Build(formula, (name, before, after) =>
    {
        double value = name == 'z' ? z : a;
        bool wholeArgument = (before.EndsWith('(') || before.EndsWith(", ")) && (after.StartsWith(')') || after.StartsWith(','));
        return wholeArgument ? Expr.Num(value) : Expr.Factor(value);
    });

    private static Expr Build(string formula, Func<char, string, string, Expr> variable)
    {
        string braced = Superscript().Replace(formula, "^{$1}");                     // same length: ^(…) → ^{…} for LaTeX
        Expr result = "";
        int at = 0;
        foreach (Match m in Variable().Matches(formula))
        {
            result += Literal(formula[at..m.Index], braced[at..m.Index]) + variable(m.Value[0], formula[..m.Index], formula[(m.Index + 1)..]);
            at = m.Index + 1;
        }
        return result + Literal(formula[at..], braced[at..]);
    }

    private static Expr Literal(string text, string braced)
    {
        foreach (var (symbol, tex) in Symbols) braced = braced.Replace(symbol, tex, StringComparison.Ordinal);
        return new Expr(text, braced);
    }

    private static readonly (string Symbol, string Latex)[] Symbols =
    [
        ("tanh", @"\tanh "), ("erf", @"\mathrm{erf}"), ("ln", @"\ln "), (" if ", @"\text{ if }"), (", else ", @"\text{, else }"),
        ("σ", @"\sigma "), ("Φ", @"\Phi "), ("φ", @"\varphi "), ("π", @"\pi "), ("√", @"\sqrt"), ("½", @"\tfrac{1}{2}"),
        ("·", @" \cdot "), (" ⊙ ", @" \odot "), ("²", "^2"), ("³", "^3"), ("δ", @"\delta "),
    ];

    [GeneratedRegex(@"(?<![\p{L}\p{Nd}_'])[za](?![\p{L}\p{Nd}_'])")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\^\(([^()]*)\)")]
    private static partial Regex Superscript();
}
