using System.Numerics;

namespace Backprop.Nn;

/// <summary>
/// A module's settings (Keras's <c>get_config</c>): a record registered in <see cref="Layers"/> under a type name, serialised as
/// snake_case JSON in model files, and able to build the module again (its state then comes from the file).
/// </summary>
public abstract record ModuleConfig
{
    /// <summary>A new module with these settings over <paramref name="children"/> (a container's; empty for a layer), its state not yet loaded.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or the children do not fit; the message names it.</exception>
    public abstract Module<T> Build<T>(IReadOnlyList<Module<T>> children) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>How many parameter and buffer values the module it builds holds (its children's not counted), known before building, so a
    /// reader can refuse a description larger than its file before allocating it; 0 when it holds none.</summary>
    public virtual long Values => 0;
}
