namespace Syndication.Storage.Ingestion;

/// <summary>How the entries of one poll were stored.</summary>
public sealed record PollSaveResult(int New, int Updated, int Unchanged)
{
    public static readonly PollSaveResult Nothing = new(0, 0, 0);
}
