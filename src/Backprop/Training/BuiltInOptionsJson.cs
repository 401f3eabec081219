using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Preprocessing.Encoders;
using Backprop.Registration;
using Backprop.Training.Schedules;

namespace Backprop.Training;

/// <summary>
/// The JSON contracts of every built-in options record, generated at compile time, so reading and writing them needs no
/// reflection (a trimmed or Native AOT <c>backprop</c>). <see cref="RegistryEntry{TItem, TOptions}.Json"/> supplies the naming
/// (snake_case) and the enum converter; this context only describes the types. It sits at the top of the layering, as it names
/// records of every layer, and joins <see cref="OptionsTypeInfo"/> when the assembly loads, before any options record is read.
/// </summary>
[JsonSerializable(typeof(NoOptions))]
[JsonSerializable(typeof(SgdOptions))]
[JsonSerializable(typeof(AdamOptions))]
[JsonSerializable(typeof(AdamWOptions))]
[JsonSerializable(typeof(AdagradOptions))]
[JsonSerializable(typeof(RmsPropOptions))]
[JsonSerializable(typeof(LbfgsOptions))]
[JsonSerializable(typeof(StepOptions))]
[JsonSerializable(typeof(MultiStepOptions))]
[JsonSerializable(typeof(ExponentialOptions))]
[JsonSerializable(typeof(CosineOptions))]
[JsonSerializable(typeof(OneCycleOptions))]
[JsonSerializable(typeof(PlateauOptions))]
[JsonSerializable(typeof(SequentialConfig))]
[JsonSerializable(typeof(DenseConfig))]
[JsonSerializable(typeof(ActivationConfig))]
[JsonSerializable(typeof(DropoutConfig))]
[JsonSerializable(typeof(BatchNormConfig))]
[JsonSerializable(typeof(LayerNormConfig))]
[JsonSerializable(typeof(ResidualConfig))]
[JsonSerializable(typeof(TemperatureConfig))]
[JsonSerializable(typeof(NumberSettings))]
[JsonSerializable(typeof(OneHotSettings))]
[JsonSerializable(typeof(DatePartsSettings))]
[JsonSerializable(typeof(BooleanSettings))]
internal sealed partial class BuiltInOptionsJson : JsonSerializerContext
{
    // A module initializer, so that no record is read before the contracts are known, whichever registry is touched first. It adds
    // a stand-in: the context itself (its options and encoded property names, about 0.8 ms of a native start) is made on first use.
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "Only registers generated JSON contracts: no I/O, no user code.")]
    internal static void Register() => OptionsTypeInfo.Add(new OnFirstUse());

    private sealed class OnFirstUse : IJsonTypeInfoResolver
    {
        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) => ((IJsonTypeInfoResolver)Default).GetTypeInfo(type, options);
    }
}
