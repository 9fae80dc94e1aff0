namespace Syndication.Worker.Cli;

/// <summary>Process exit codes of every verb (the README's table).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The verb ran, but some input was rejected (a bad seed file or line, a source that failed); the rest was done.</summary>
    public const int SomeInputRejected = 1;
    /// <summary>The input could not be read at all: a missing file or folder, a document that is not what it should be,
    /// no database for a verb that needs one.</summary>
    public const int CannotRead = 2;
    /// <summary>Configuration is invalid; the message names the key.</summary>
    public const int InvalidConfiguration = 3;
    /// <summary>The arguments name something that does not exist or cannot be used (an unknown source, a malformed URL).</summary>
    public const int BadArguments = 4;
    /// <summary>The command line does not parse: an unknown verb or option, a value of the wrong type or out of range,
    /// a required option or argument missing.</summary>
    public const int Usage = 5;
    /// <summary>The database file failed: damaged, not a database, read-only, full, unreadable, or locked past the busy timeout.</summary>
    public const int StorageFailure = 6;
}
