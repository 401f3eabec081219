using Backprop.Errors;

namespace Backprop.IO;

/// <summary>
/// Whether a model file's metadata fits its architecture: as many class names as outputs (two for one sigmoid output),
/// feature names, scaler columns and feature columns as inputs, target scaler columns as outputs.
/// </summary>
internal static class MetadataChecks
{
    /// <summary>Throws <see cref="BackpropException"/> (bad input) naming <paramref name="path"/> and the key that does not fit.</summary>
    public static void Check(ModelMetadata m, Architecture architecture, string path) => Check(m, architecture.Sizes[0], architecture.Sizes[^1], $"the architecture {architecture}", path);

    /// <summary>As above for a model of <paramref name="inputs"/> inputs and <paramref name="outputs"/> outputs, described as <paramref name="model"/> in errors.</summary>
    public static void Check(ModelMetadata m, int inputs, int outputs, string model, string path)
    {
        void Fits(string key, int? count, int needed, string what)
        {
            if (count is { } n && n != needed)
                throw BackpropException.BadInput($"{path}: __metadata__ \"{key}\" has {n} {what}, but {model} has {needed}.");
        }
        if (m.ClassNames is { } classes && !(classes.Count == 2 && outputs == 1)) Fits("class_names", classes.Count, outputs, "class names for its outputs");
        Fits("feature_names", m.FeatureNames?.Count, inputs, "feature names for its inputs");
        Fits("scaler", m.Scaler?.Offsets.Length, inputs, "columns for its inputs");
        Fits("target_scaler", m.TargetScaler?.Offsets.Length, outputs, "columns for its outputs");
        Fits("columns", m.Schema?.FeatureNames.Count, inputs, m.Schema?.Encoders is null ? "feature columns for its inputs" : "encoded inputs");
    }
}
