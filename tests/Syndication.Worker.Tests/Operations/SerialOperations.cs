namespace Syndication.Worker.Tests.Operations;

/// <summary>
/// Tests that read process-wide instruments: OpenTelemetry listens to every meter named "Syndication" in the
/// process, so another test's service polling at the same time would add to the counts read here.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialOperations
{
    public const string Name = "Operations (not in parallel)";
}
