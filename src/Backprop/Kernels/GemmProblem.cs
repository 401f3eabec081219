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

    /// <summary>Steps per k-block, rows per A block and columns per B block, fixed once per call so every thread blocks alike.</summary>
    public int Kc, Mb, Nb;
}
