namespace Backprop.Kernels;

/// <summary>
/// The few vector operations the GEMM needs, as static abstracts so one generic kernel compiles to
/// Vector512/256/128 code for float and double (the JIT specialises each struct instantiation).
/// </summary>
internal unsafe interface ISimdOps<TV, T> where TV : unmanaged where T : unmanaged
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }
    static abstract TV Load(T* p);
    static abstract void Store(T* p, TV v);
    /// <summary>All lanes = *p.</summary>
    static abstract TV Splat(T* p);
    static abstract TV Splat(T x);
    /// <summary>a·b + c with one rounding.</summary>
    static abstract TV Fma(TV a, TV b, TV c);
    static abstract TV Mul(TV a, TV b);
    /// <summary>Lanes [0, n) from p, zeros above; memory past p[n-1] is not touched.</summary>
    static abstract TV LoadFirst(T* p, int n);
    /// <summary>Writes lanes [0, n) of v to p; memory past p[n-1] is not touched.</summary>
    static abstract void StoreFirst(T* p, TV v, int n);
}
