using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Alerts;

/// <summary>
/// Why a webhook was not registered: the problem, and one English line naming the part that is wrong (the CLI prints
/// it); the admin console says it in Vietnamese from <see cref="Problem"/>.
/// </summary>
public sealed record WebhookRefusal(WebhookProblem Problem, string Message)
{
    /// <summary>For <see cref="WebhookProblem.UrlNotPublic"/>: what kind of address the URL names.</summary>
    internal AddressKind Address { get; init; }

    public override string ToString() => Message;
}
