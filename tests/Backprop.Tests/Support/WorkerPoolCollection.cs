namespace Backprop.Tests.Support;

/// <summary>Tests that need the worker pool to themselves, to know that work really ran on a worker thread.</summary>
[CollectionDefinition(nameof(WorkerPoolCollection), DisableParallelization = true)]
public sealed class WorkerPoolCollection;
