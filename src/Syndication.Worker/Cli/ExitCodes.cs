namespace Syndication.Worker.Cli;

/// <summary>Process exit codes of the CLI verbs (documented in the README).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The verb ran, but some input was rejected (a bad seed file or line); the rest was done.</summary>
    public const int SomeInputRejected = 1;
    /// <summary>The input could not be read at all (a feed that is not a feed, a file that does not exist).</summary>
    public const int CannotRead = 2;
    /// <summary>Configuration is invalid; the message names the key.</summary>
    public const int InvalidConfiguration = 3;
    /// <summary>The arguments name something that does not exist or is malformed.</summary>
    public const int BadArguments = 4;
}
