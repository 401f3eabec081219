namespace Backprop.Kernels;

/// <summary>
/// One C = α·op(A)·op(B) + β·C on pinned row-major storage: op(A) is [M, K] (A stored [K, M] when TransA),
/// op(B) is [K, N] (B stored [N, K] when TransB), C is [M, N].
/// </summary>
internal unsafe struct GemmProblem<T> where T : unmanaged
{
    public T* A, B, C;
    public int M, N, K;
    public bool TransA, TransB;
    public T Alpha, Beta;

    /// <summary>
    /// The dense layer's epilogue, each optional (null): Bias [N] is added on the first k-block in place of β·C
    /// (C = α·op(A)·op(B) + bias, row by row); Activated [M, N] receives f(C) from the epilogue after the last k-block.
    /// </summary>
    public T* Bias, Activated;

    /// <summary>Steps per k-block, rows per A block and columns per B block, fixed once per call so every thread blocks alike.</summary>
    public int Kc, Mb, Nb;
}
