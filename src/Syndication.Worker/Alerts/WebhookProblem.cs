namespace Syndication.Worker.Alerts;

/// <summary>What is wrong with a webhook an operator gave, each naming one part of it.</summary>
public enum WebhookProblem
{
    UrlTooLong,
    UrlNotHttp,
    UrlHasUserInfo,
    UrlNotPublic,
    NoEvent,
    UnknownEvent,
    WordsMissing,
    WordsUnusable,
    WordsWithoutStoryEvent,
    FailuresOutOfRange,
    SecretUnusable,
}
