namespace Syndication.Core.Alerts;

/// <summary>The events a webhook can ask for, by the names the CLI, the store and the payloads use.</summary>
public static class AlertEvents
{
    /// <summary>An entry that starts a new story contains the webhook's words.</summary>
    public const string StoryMatched = "story.matched";

    /// <summary>A new entry of another outlet was related to an archive article.</summary>
    public const string ArticleCovered = "article.covered";

    /// <summary>A source's polls have failed the webhook's number of times in a row.</summary>
    public const string SourceFailing = "source.failing";

    /// <summary>A source has brought nothing new for <see cref="SourceRhythm.SilenceFactor"/> times its usual interval.</summary>
    public const string SourceSilent = "source.silent";

    public static IReadOnlyList<string> All { get; } = [StoryMatched, ArticleCovered, SourceFailing, SourceSilent];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
