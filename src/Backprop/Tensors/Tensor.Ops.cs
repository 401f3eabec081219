using Backprop.Ops;

namespace Backprop.Tensors;

public sealed partial class Tensor<T>
{
    /// <summary>a + b with broadcasting.</summary>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => Add<T>.Apply(a, b);
    /// <summary>a + s</summary>
    public static Tensor<T> operator +(Tensor<T> a, T s) => Add<T>.Apply(a, Scalar(s));
    /// <summary>s + a</summary>
    public static Tensor<T> operator +(T s, Tensor<T> a) => Add<T>.Apply(Scalar(s), a);
    /// <summary>a - b with broadcasting.</summary>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => Sub<T>.Apply(a, b);
    /// <summary>a - s</summary>
    public static Tensor<T> operator -(Tensor<T> a, T s) => Sub<T>.Apply(a, Scalar(s));
    /// <summary>s - a</summary>
    public static Tensor<T> operator -(T s, Tensor<T> a) => Sub<T>.Apply(Scalar(s), a);
    /// <summary>-a</summary>
    public static Tensor<T> operator -(Tensor<T> a) => a.Neg();
    /// <summary>a ⊙ b (elementwise) with broadcasting.</summary>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => Mul<T>.Apply(a, b);
    /// <summary>a·s</summary>
    public static Tensor<T> operator *(Tensor<T> a, T s) => Mul<T>.Apply(a, Scalar(s));
    /// <summary>s·a</summary>
    public static Tensor<T> operator *(T s, Tensor<T> a) => Mul<T>.Apply(Scalar(s), a);
    /// <summary>a / b (elementwise) with broadcasting.</summary>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => Div<T>.Apply(a, b);
    /// <summary>a / s</summary>
    public static Tensor<T> operator /(Tensor<T> a, T s) => Div<T>.Apply(a, Scalar(s));
    /// <summary>s / a</summary>
    public static Tensor<T> operator /(T s, Tensor<T> a) => Div<T>.Apply(Scalar(s), a);

    /// <summary>-x</summary>
    public Tensor<T> Neg() => Unary.Apply(this, new NegFn<T>());
    /// <summary>xᵖ for a constant exponent.</summary>
    public Tensor<T> Pow(T exponent) => Unary.Apply(this, new PowFn<T>(exponent));
    /// <summary>eˣ</summary>
    public Tensor<T> Exp() => Unary.Apply(this, new ExpFn<T>());
    /// <summary>ln x</summary>
    public Tensor<T> Log() => Unary.Apply(this, new LogFn<T>());
    /// <summary>√x</summary>
    public Tensor<T> Sqrt() => Unary.Apply(this, new SqrtFn<T>());
    /// <summary>|x|</summary>
    public Tensor<T> Abs() => Unary.Apply(this, new AbsFn<T>());
    /// <summary>Softmax over the last axis.</summary>
    public Tensor<T> Softmax() => Softmax<T>.Apply(this);
    /// <summary>Log-softmax over the last axis (stable).</summary>
    public Tensor<T> LogSoftmax() => LogSoftmax<T>.Apply(this);

    /// <summary>Sum of all elements (a scalar).</summary>
    public Tensor<T> Sum() => Sum<T>.Apply(this, null);
    /// <summary>Sum along one axis (removed from the shape).</summary>
    public Tensor<T> Sum(int axis) => Sum<T>.Apply(this, axis);
    /// <summary>Mean of all elements (a scalar).</summary>
    public Tensor<T> Mean() => Mean<T>.Apply(this, null);
    /// <summary>Mean along one axis (removed from the shape).</summary>
    public Tensor<T> Mean(int axis) => Mean<T>.Apply(this, axis);
    /// <summary>Largest element (a scalar).</summary>
    public Tensor<T> Max() => Max<T>.Apply(this, null);
    /// <summary>Largest element along one axis (removed from the shape).</summary>
    public Tensor<T> Max(int axis) => Max<T>.Apply(this, axis);

    /// <summary>Index of the largest element along <paramref name="axis"/>, for each position of the other axes (no gradient).</summary>
    public int[] ArgMax(int axis = -1)
    {
        int a = Shape.NormalizeAxis(axis);
        var (outer, n, inner) = Shape.AroundAxis(a);
        var where = new int[outer * inner];
        Kernels.Reduce.MaxAxis<T>(Span, new T[outer * inner], where, outer, n, inner);
        return where;
    }

    /// <summary>Matrix product of [m, k] and [k, n].</summary>
    public Tensor<T> MatMul(Tensor<T> other) => MatMul<T>.Apply(this, other);
    /// <summary>Transpose of a matrix.</summary>
    public Tensor<T> Transpose() => Transpose<T>.Apply(this);
    /// <summary>The same values in another shape; one dimension may be -1 (inferred).</summary>
    public Tensor<T> Reshape(params int[] dims) => Reshape<T>.Apply(this, dims);
    /// <summary>Row <paramref name="index"/> along the first axis (rank drops by one).</summary>
    public Tensor<T> Row(int index)
    {
        var rows = IndexRows<T>.Apply(this, [index]);
        var dims = Shape.ToArray()[1..];
        return rows.Reshape(dims);
    }
    /// <summary>The rows at the given indices along the first axis, in that order.</summary>
    public Tensor<T> Rows(params int[] indices) => IndexRows<T>.Apply(this, indices);
}
