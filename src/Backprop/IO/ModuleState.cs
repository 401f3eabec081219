using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Errors;
using Backprop.Nn;

namespace Backprop.IO;

/// <summary>
/// A module's state dict (<see cref="Module{T}.StateDict"/>) as safetensors tensors and back: every entry by its PyTorch name, a tensor
/// in PyTorch's layout (F32 for float, F64 for double), a counter as an I64 scalar. Reading demands every entry with its shape and no other tensor.
/// </summary>
internal static class ModuleState
{
    /// <summary>The tensors of <paramref name="model"/>'s state dict.</summary>
    public static List<SafetensorsTensor> ToTensors<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string dtype = typeof(T) == typeof(float) ? "F32" : "F64";
        return [.. model.StateDict().Select(p => p.Entry switch
        {
            TensorState<T> t => new SafetensorsTensor(p.Name, dtype, t.StoredShape, new DeferredBytes(t.Value.Length * Unsafe.SizeOf<T>(), t.WriteStored).Memory), // written from the tensor: no copy of it
            CounterState c => SafetensorsTensor.FromInt64s(p.Name, [], [c.Get()]),
            var other => throw new ArgumentException($"{model}: state entry {p.Name} is a {other.GetType().Name}, which model files cannot store."),
        })];
    }

    /// <summary>Loads <paramref name="file"/>'s tensors into <paramref name="model"/>'s state; throws (bad input, naming the file and tensor) on a tensor missing, of another shape, extra, or a negative count.</summary>
    public static void Load<T>(Sequential<T> model, SafetensorsFile file, string path, string? loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var state = model.StateDict().ToList();
        string described = Described(model, loss);
        var ours = ModelFile.StateNames(model);
        string Ours(string name) => ours.TryGetValue(name, out var n) ? $" ({n})" : "";
        var names = state.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, entry) in state)
        {
            var tensor = file.Find(name) ?? throw BackpropException.BadInput(
                $"{path}: tensor \"{name}\"{Ours(name)} is missing; {described} needs it with shape {Shape(entry.StoredShape)}; the file has {string.Join(", ", file.Tensors.Take(12).Select(t => t.Name))}.");
            if (!tensor.Shape.SequenceEqual(entry.StoredShape))
                throw BackpropException.BadInput($"{path}: tensor \"{name}\"{Ours(name)} has shape {Shape(tensor.Shape)}; {described} needs {Shape(entry.StoredShape)}.");
            switch (entry)
            {
                case TensorState<T> t:
                    tensor.CheckFloating(path);
                    StateValueCheck.Check(tensor, path);
                    tensor.ReadValues(t.LoadStored); // a chunk at a time from the file: no copy of the tensor's bytes or of its values in doubles
                    break;
                case CounterState c:
                    c.Set(tensor.ToInt64s(path) is [var count and >= 0] ? count : throw BackpropException.BadInput($"{path}: tensor \"{name}\" is a negative count."));
                    break;
            }
        }
        if (file.Tensors.FirstOrDefault(t => !names.Contains(t.Name)) is { } extra)
            throw BackpropException.BadInput($"{path}: tensor \"{extra.Name}\" is not part of the model; {described} needs {string.Join(", ", names.Take(12))}{(names.Count > 12 ? ", ..." : "")}.");
    }

    /// <summary>The model in messages: <c>the architecture 4-64-3 (relu, identity)</c> for a stack of Dense layers, else <c>the model Sequential(...)</c>.</summary>
    public static string Described<T>(Sequential<T> model, string? loss) where T : unmanaged, IFloatingPointIeee754<T> =>
        Architecture.TryOf(model, loss) is { } a ? $"the architecture {a}" : $"the model {model}";

    private static string Shape(IReadOnlyList<long> shape) => $"[{string.Join(", ", shape)}]";
}
