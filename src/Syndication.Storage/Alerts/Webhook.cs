namespace Syndication.Storage.Alerts;

/// <summary>
/// A webhook an operator registered: where events go, which events, the words a new story must contain
/// (story.matched), after how many failed polls a source counts as failing, and the secret deliveries are signed with.
/// </summary>
public sealed record Webhook(long Id, Uri Url, IReadOnlyList<string> Events, string? Words, int Failures, string Secret, DateTimeOffset Created)
{
    public bool Wants(string eventName) => Events.Contains(eventName, StringComparer.Ordinal);
}
