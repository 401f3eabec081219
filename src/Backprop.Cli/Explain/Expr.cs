using System.Globalization;

namespace Backprop.Cli.Explain;

/// <summary>
/// A piece of math written twice: as plain text for the terminal (<c>z1[0] = 0.5·(-0.12) + 0.05</c>) and as LaTeX for Markdown
/// (<c>z_{1}[0] = 0.5 \cdot (-0.12) + 0.05</c>). Pieces are joined with <c>+</c>, so one builder writes both.
/// </summary>
internal readonly record struct Expr(string Text, string Latex)
{
    public static Expr operator +(Expr a, Expr b) => new(a.Text + b.Text, a.Latex + b.Latex);

    public static implicit operator Expr(string same) => new(same, same);

    public static Expr Times { get; } = new("·", @" \cdot ");
    public static Expr Hadamard { get; } = new(" ⊙ ", @" \odot ");
    public static Expr Sigma { get; } = new("σ", @"\sigma");
    public static Expr Lambda { get; } = new("λ", @"\lambda");
    public static Expr Squared { get; } = new("²", "^2");

    /// <summary>A remark after a formula, in parentheses: indented on the terminal, <c>\quad\text{(...)}</c> in LaTeX.</summary>
    public static Expr Note(string text) => new($"   ({text})", $@"\quad\text{{({text})}}");

    /// <summary>A number; in LaTeX an exponent becomes <c>\times 10^{k}</c>.</summary>
    public static Expr Num(double value)
    {
        string text = Numbers.Short(value);
        int e = text.IndexOf('e');
        if (e < 0) return new(text, text);
        int exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new(text, $@"{text[..e]} \times 10^{{{exponent.ToString(CultureInfo.InvariantCulture)}}}");
    }

    /// <summary>A number as a factor: negative ones in parentheses, e.g. 0.5·(-0.12).</summary>
    public static Expr Factor(double value) => value < 0 ? "(" + Num(value) + ")" : Num(value);

    /// <summary>A number added to a sum: " + 0.05", or " - 0.44" for a negative one.</summary>
    public static Expr Plus(double value) => value < 0 ? " - " + Num(-value) : " + " + Num(value);

    /// <summary>A matrix of layer <paramref name="layer"/>: Z1 / Z_1; layer 0 is the input X.</summary>
    public static Expr Matrix(string name, int layer) =>
        layer == 0 && name == "A" ? new Expr("X", "X") : new Expr($"{name}{layer}", $"{name}_{{{layer}}}");

    /// <summary>An element of a layer's vector or matrix: z1[0] / z_{1}[0]; layer 0 of a is the input x[i]; <paramref name="at"/> is "0", "i,j", ...</summary>
    public static Expr Element(string name, int layer, string at)
    {
        if (layer == 0 && name == "a") return $"x[{at}]";
        return new($"{name}{layer}[{at}]", $"{name}_{{{layer}}}[{at}]");
    }

    /// <summary>An element at numeric indices: z1[0], w2[1,0].</summary>
    public static Expr Element(string name, int layer, params int[] index) =>
        Element(name, layer, string.Join(",", index.Select(i => i.ToString(CultureInfo.InvariantCulture))));

    /// <summary>A fraction: a/b in text, each part in parentheses when compound ("(0.6 - 1)/(N·M)"); \frac{a}{b} in LaTeX.</summary>
    public static Expr Fraction(Expr numerator, Expr denominator) =>
        new(Grouped(numerator.Text) + "/" + Grouped(denominator.Text), $@"\frac{{{numerator.Latex}}}{{{denominator.Latex}}}");

    private static string Grouped(string text) =>
        text.Contains(' ') || text.Contains('·') || (text.Length > 1 && char.IsAsciiDigit(text[0]) && char.IsLetter(text[^1])) ? $"({text})" : text;

    /// <summary>dL/dthing: dZ2 / \frac{\partial L}{\partial Z_{2}}.</summary>
    public static Expr Grad(Expr of) => new("d" + of.Text, $@"\frac{{\partial L}}{{\partial {of.Latex}}}");

    /// <summary>Transposed: A1ᵀ / A_{1}^\top.</summary>
    public static Expr Transposed(Expr of) => new(of.Text + "ᵀ", of.Latex + @"^\top");

    /// <summary>Parts joined by a separator.</summary>
    public static Expr Join(Expr separator, IEnumerable<Expr> parts)
    {
        Expr result = "";
        bool first = true;
        foreach (var part in parts)
        {
            result = first ? part : result + separator + part;
            first = false;
        }
        return result;
    }

    public override string ToString() => Text;
}
