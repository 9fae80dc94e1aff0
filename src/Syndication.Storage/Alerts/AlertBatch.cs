namespace Syndication.Storage.Alerts;

/// <summary>
/// What happened since the alert loop last looked, as the store read it in the transaction that takes it: the
/// webhooks, entries that started a new story, new relations of entries to articles, and the sources just polled.
/// </summary>
public sealed record AlertBatch(
    IReadOnlyList<Webhook> Webhooks, IReadOnlyList<AlertEntry> NewStories, IReadOnlyList<AlertCoverage> Coverage, IReadOnlyList<AlertSource> Sources);
