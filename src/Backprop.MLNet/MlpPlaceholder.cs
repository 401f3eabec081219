using Microsoft.ML.Transforms;

namespace Backprop.MLNet;

/// <summary>
/// What ML.NET itself stores for an <see cref="MlpTransformer"/>: a CustomMapping under the contract <see cref="ContractName"/>, which
/// ML.NET's loader turns back into a transformer made by this registered factory — without weights, since a factory is built by its
/// parameterless constructor and the contract is all the .zip records. <c>LoadWithBackprop</c> replaces each such placeholder by the
/// trained transformer whose weights it reads from the same .zip; a plain <c>mlContext.Model.Load</c> stops here with an error that says so.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class MlpPlaceholder : CustomMappingFactory<MlpPlaceholder.Row, MlpPlaceholder.Row>
{
    /// <summary>The contract name saved in the .zip.</summary>
    public const string ContractName = "Backprop.MLNet.Mlp";

    private static readonly AsyncLocal<bool> Loading = new();

    /// <summary>Lets ML.NET build placeholders until disposed (inside <c>LoadWithBackprop</c>).</summary>
    public static IDisposable AllowLoading()
    {
        Loading.Value = true;
        return new Scope();
    }

    /// <inheritdoc/>
    public override Action<Row, Row> GetMapping() => Loading.Value
        ? (_, _) => throw new InvalidOperationException("A Backprop MLP placeholder ran; LoadWithBackprop replaces every placeholder.")
        : throw new InvalidOperationException("This ML.NET model holds a Backprop MLP, whose weights mlContext.Model.Load cannot restore: " +
            "load it with mlContext.Model.LoadWithBackprop(path, out var schema) (using Backprop.MLNet), and save such models with SaveWithBackprop.");

    /// <summary>No columns: a placeholder maps nothing.</summary>
    public sealed class Row;

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Loading.Value = false;
    }
}
