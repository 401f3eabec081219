namespace Backprop.Tests.Support;

/// <summary>Tests that count the whole process's allocations (GC.GetTotalAllocatedBytes), so no other test may run beside them.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;
