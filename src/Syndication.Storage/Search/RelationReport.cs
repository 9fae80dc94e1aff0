namespace Syndication.Storage.Search;

/// <summary>What one round of relating did: articles and entries taken from the queue, and how many are still waiting.</summary>
public sealed record RelationReport(int Articles, int Entries, int Remaining)
{
    public static readonly RelationReport Nothing = new(0, 0, 0);
}
