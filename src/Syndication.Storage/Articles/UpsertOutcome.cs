namespace Syndication.Storage.Articles;

/// <summary>What storing an article did.</summary>
public enum UpsertOutcome
{
    Inserted,
    Updated,
    Unchanged,
}
