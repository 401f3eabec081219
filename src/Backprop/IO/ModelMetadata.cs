using Backprop.Data;
using Backprop.Nn;

namespace Backprop.IO;

/// <summary>
/// Everything a predictor needs besides the weights, stored as strings in the safetensors <c>__metadata__</c>.
/// All parts are optional except the architecture, which <see cref="ModelFile.Save{T}"/> takes from the model itself.
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>Layer sizes, activations and loss, for a stack of Dense layers (with batch norm): what older files hold, and newer ones
    /// beside <see cref="Modules"/> when the model is such a stack. On save only its <see cref="Architecture.Loss"/> is used (sizes and activations come from the model, and must agree if given).</summary>
    public Architecture? Architecture { get; init; }

    /// <summary>The model's modules as stored (type, settings, children; see <see cref="Nn.Layers"/>); null in files written before the module contract, which have only <see cref="Architecture"/>.</summary>
    public Nn.ModuleSpec? Modules { get; init; }

    /// <summary>The registered name of the loss the model was trained with (<see cref="Nn.Loss.Names"/>), or null when unknown.</summary>
    public string? Loss { get; init; }

    /// <summary>The task; the file spells it <c>classification</c> (binary too: the loss tells them apart) or <c>regression</c>.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The input features' names, in input order.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>The target's name.</summary>
    public string? TargetName { get; init; }

    /// <summary>The class names by output index (classification).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The feature scaler fitted on the training data, to apply to inputs before the model.</summary>
    public ScalerState? Scaler { get; init; }

    /// <summary>For regression, the scaler of the targets: the model predicts scaled targets, which are mapped back.</summary>
    public ScalerState? TargetScaler { get; init; }

    /// <summary>How the training table's columns were read (to read new files the same way); null when the data was not a table.</summary>
    public TabularSchema? Schema { get; init; }

    /// <summary>Training options as name → value text (epochs, learning rate, seed ...), for the record.</summary>
    public IReadOnlyDictionary<string, string> Training { get; init; } = new Dictionary<string, string>();

    /// <summary>The Backprop version that wrote the file (set on save; null for a file from another tool).</summary>
    public string? Version { get; init; }

    /// <summary>Other <c>__metadata__</c> entries, kept as they are (for example PyTorch's <c>format: pt</c>).</summary>
    public IReadOnlyDictionary<string, string> Other { get; init; } = new Dictionary<string, string>();

    /// <summary>Metadata describing a loaded table: its schema, task, feature, target and class names.</summary>
    public static ModelMetadata From(TabularSchema schema) => new()
    {
        Schema = schema, Task = schema.Task, FeatureNames = schema.FeatureNames, TargetName = schema.TargetName, ClassNames = schema.ClassNames,
    };

    /// <summary>This library's version, as written into model files.</summary>
    public static string LibraryVersion { get; } =
        (typeof(ModelMetadata).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
