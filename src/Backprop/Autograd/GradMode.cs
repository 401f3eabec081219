using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Autograd;

/// <summary>Whether ops record nodes for backward on this thread.</summary>
public static class GradMode
{
    [ThreadStatic] private static int _disabledDepth;

    /// <summary>True unless inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsEnabled => _disabledDepth == 0;

    /// <summary>A scope in which no op records a node (inference, weight updates): <c>using (GradMode.NoGrad()) { ... }</c>.</summary>
    public static NoGradScope NoGrad()
    {
        _disabledDepth++;
        return new NoGradScope();
    }

    /// <summary>Whether an op over these inputs must record a node.</summary>
    internal static bool Needs<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
        => _disabledDepth == 0 && a.RequiresGrad;

    /// <summary>Whether an op over these inputs must record a node.</summary>
    internal static bool Needs<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => _disabledDepth == 0 && (a.RequiresGrad || b.RequiresGrad);

    /// <summary>Ends a no-grad scope when disposed (once: a second Dispose does nothing).</summary>
    public sealed class NoGradScope : IDisposable
    {
        private bool _disposed;

        internal NoGradScope() { }

        /// <summary>Leaves the scope.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _disabledDepth--;
        }
    }
}
