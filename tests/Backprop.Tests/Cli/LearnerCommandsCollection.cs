namespace Backprop.Tests.Cli;

/// <summary>
/// The learner commands' tests run alone, after the parallel ones: they allocate freely, and tests that count the process's
/// allocations (FusedStepTests) would otherwise see their bytes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LearnerCommandsCollection
{
    public const string Name = "Learner commands";
}
