using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Syndication.Core.Alerts;
using Syndication.Core.Ingestion.Rules;
using Syndication.Storage.Alerts;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Alerts;

/// <summary>Registers webhooks for the CLI and the admin console alike: checks what the operator gave, makes a secret when none was given.</summary>
public sealed class WebhookRegistry(AlertStore store, IOptions<IngestionOptions> ingestion)
{
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;
    public const int DefaultFailures = 3;
    public const int MinFailures = 1;
    public const int MaxFailures = 1000;

    /// <summary>The stored webhook, or why it cannot be registered.</summary>
    public async Task<(Webhook? Webhook, WebhookRefusal? Error)> AddAsync(
        string url, IReadOnlyCollection<string> events, string? words, int failures, string? secret, CancellationToken cancellationToken)
    {
        var error = CheckUrl(url, ingestion.Value.AllowPrivateNetworks, out var uri) ?? CheckEvents(events, words) ?? CheckFailures(failures)
            ?? (secret is not null ? CheckSecret(secret) : null);
        if (error is not null)
        {
            return (null, error);
        }
        var webhook = await store.AddWebhookAsync(
            new NewWebhook(uri!, [.. AlertEvents.All.Where(events.Contains)], string.IsNullOrWhiteSpace(words) ? null : words.Trim(), failures, secret ?? NewSecret()),
            cancellationToken);
        return (webhook, null);
    }

    /// <summary>32 random bytes as hex.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static WebhookRefusal? CheckUrl(string url, bool allowPrivateNetworks, out Uri? uri)
    {
        uri = null;
        if (url.Length > MaxUrlLength)
        {
            return new(WebhookProblem.UrlTooLong, $"url: longer than {MaxUrlLength} characters");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            return new(WebhookProblem.UrlNotHttp, $"url: '{url}' is not an absolute http(s) URL");
        }
        if (parsed.UserInfo.Length > 0)
        {
            return new(WebhookProblem.UrlHasUserInfo, $"url: '{url}' carries a user name or password; put the secret in --secret instead");
        }
        // Names are resolved and checked at each delivery; an address written out, or localhost, is refused now.
        var address = IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var literal) ? literal
            : string.Equals(parsed.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : null;
        if (!allowPrivateNetworks && address is not null && AddressClassifier.Classify(address) is var kind && kind != AddressKind.Public)
        {
            return new(WebhookProblem.UrlNotPublic, $"url: {parsed.Host} is a {AddressClassifier.Describe(kind)}; webhooks go to public addresses only "
                + $"({IngestionOptions.SectionName}:{nameof(IngestionOptions.AllowPrivateNetworks)} allows others on closed networks)") { Address = kind };
        }
        uri = parsed;
        return null;
    }

    private static WebhookRefusal? CheckEvents(IReadOnlyCollection<string> events, string? words)
    {
        if (events.Count == 0)
        {
            return new(WebhookProblem.NoEvent, $"event: name at least one of {string.Join(", ", AlertEvents.All)}");
        }
        if (events.FirstOrDefault(name => !AlertEvents.IsKnown(name)) is { } unknown)
        {
            return new(WebhookProblem.UnknownEvent, $"event: '{unknown}' is not one of {string.Join(", ", AlertEvents.All)}");
        }
        if (events.Contains(AlertEvents.StoryMatched))
        {
            if (string.IsNullOrWhiteSpace(words))
            {
                return new(WebhookProblem.WordsMissing, $"words: {AlertEvents.StoryMatched} needs the words a new story must contain");
            }
            try
            {
                CompiledRule.From(new EditorialRule(0, null, RuleAction.Tag, "alert", RuleMatchKind.Words, words));
            }
            catch (RuleException error)
            {
                return new(WebhookProblem.WordsUnusable, "words: " + error.Message["pattern: ".Length..]);
            }
        }
        else if (!string.IsNullOrWhiteSpace(words))
        {
            return new(WebhookProblem.WordsWithoutStoryEvent, $"words: only {AlertEvents.StoryMatched} uses words");
        }
        return null;
    }

    private static WebhookRefusal? CheckFailures(int failures) =>
        failures is < MinFailures or > MaxFailures ? new(WebhookProblem.FailuresOutOfRange, $"failures: {failures} is outside {MinFailures}..{MaxFailures}") : null;

    private static WebhookRefusal? CheckSecret(string secret) =>
        secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(char.IsControl) || secret.Trim() != secret
            ? new(WebhookProblem.SecretUnusable,
                $"secret: give {MinSecretLength} to {MaxSecretLength} characters without spaces at either end or control characters")
            : null;
}
