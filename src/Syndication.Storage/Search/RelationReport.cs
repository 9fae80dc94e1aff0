namespace Syndication.Storage.Search;

/// <summary>What one round of relating did: articles and entries taken from the queue, and how many are still waiting.</summary>
public sealed record RelationReport(int Articles, int Entries, int Remaining)
{
    public static readonly RelationReport Nothing = new(0, 0, 0);

    /// <summary>Rows that could not be related and were taken off the queue, each reported once.</summary>
    public IReadOnlyList<RelationSkip> Skipped { get; init; } = [];
}

/// <summary>One article or entry that relating skipped, and why.</summary>
public sealed record RelationSkip(SearchHitKind Kind, long Id, string Reason);
