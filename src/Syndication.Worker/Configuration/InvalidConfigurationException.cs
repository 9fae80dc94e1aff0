namespace Syndication.Worker.Configuration;

/// <summary>Settings that cannot work, each named by its key in one line; the program stops with exit code 3.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> failures)
    : Exception(string.Join(Environment.NewLine, failures))
{
    /// <summary>One line per bad setting, starting with its key ("Syndication:FeedSize: 'abc' is not …").</summary>
    public IReadOnlyList<string> Failures { get; } = failures;
}
