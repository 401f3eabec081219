using System.Numerics;

namespace Backprop.Optim;

/// <summary>
/// What an optimizer remembers between steps, as plain data for a checkpoint (PyTorch's <c>optimizer.state_dict()["state"]</c>).
/// </summary>
/// <param name="Steps">Updates applied so far.</param>
/// <param name="Buffers">Each buffer by name (e.g. Adam's <c>exp_avg</c>, <c>exp_avg_sq</c>): one array per parameter, in parameter order
/// (L-BFGS, whose state is over all parameters as one flat vector, says how it lays out its own).</param>
public sealed record OptimizerState<T>(long Steps, IReadOnlyDictionary<string, T[][]> Buffers) where T : unmanaged, IFloatingPointIeee754<T>;
