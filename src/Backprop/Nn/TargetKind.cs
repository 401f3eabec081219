namespace Backprop.Nn;

/// <summary>What a loss's targets are.</summary>
public enum TargetKind
{
    /// <summary>Class indices [N], integers in [0, K) (a loss may also accept probability rows [N, K]).</summary>
    ClassIndices,
    /// <summary>One-hot or probability rows [N, outputs] (or [N] for one output), each element in [0, 1].</summary>
    OneHot,
    /// <summary>Real values [N, outputs] (or [N] for one output): regression.</summary>
    Values,
}
