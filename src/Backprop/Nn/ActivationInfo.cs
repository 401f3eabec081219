namespace Backprop.Nn;

/// <summary>What an activation is called and how explain writes it. Formulas use z for the input and a for the output.</summary>
/// <param name="Name">As the CLI, model files and specs write it: <c>relu</c>, <c>leaky_relu:0.1</c>.</param>
/// <param name="Torch">The PyTorch module, e.g. <c>ReLU()</c>; null for the identity (no module).</param>
/// <param name="Onnx">The ONNX operator, e.g. <c>Relu</c>; null when ONNX has no single operator for it.</param>
/// <param name="Init">The initialiser a Dense layer followed by it starts from by default.</param>
/// <param name="Formula">f(z) as explain writes it: <c>max(0, z)</c>.</param>
/// <param name="Derivative">f' as <c>--paths</c> labels it: <c>σ'(z) = a(1 - a)</c>.</param>
/// <param name="SlopeFactor">f' written as the factor explain multiplies dA by, in z and a: <c>a·(1 - a)</c>.</param>
/// <param name="Definition">A line defining a symbol of <paramref name="Formula"/>: <c>σ(z) = 1/(1 + e^(-z))</c>.</param>
public sealed record ActivationInfo(string Name, string? Torch, string? Onnx, Initializer Init, string Formula, string Derivative,
    string SlopeFactor, string? Definition = null);

/// <summary>A registered activation: its name, its optional parameter and how to make it.</summary>
/// <param name="Name">The name before any <c>:</c>, e.g. <c>leaky_relu</c>.</param>
/// <param name="Parameter">The parameter's name in usage text (<c>ALPHA</c>), or null.</param>
/// <param name="Create">Makes it from the number after <c>:</c>, or null for the default.</param>
public sealed record ActivationEntry(string Name, string? Parameter, Func<double?, Activation> Create)
{
    /// <summary><c>relu</c>, or <c>leaky_relu[:ALPHA]</c> for one with a parameter.</summary>
    public string Usage => Parameter is null ? Name : $"{Name}[:{Parameter}]";

    /// <summary>The activation with its default parameter.</summary>
    public Activation Default => Create(null);
}
