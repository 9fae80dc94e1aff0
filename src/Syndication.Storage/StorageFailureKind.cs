namespace Syndication.Storage;

/// <summary>Kinds of trouble with the database file, by what an operator does about them.</summary>
public enum StorageFailureKind
{
    /// <summary>Another writer held the lock past the busy timeout: retry shortly.</summary>
    Busy,

    /// <summary>The disk, or the database's size limit, is full: free space; writes work again by themselves after.</summary>
    Full,

    /// <summary>The file, its folder or its filesystem cannot be written.</summary>
    ReadOnly,

    /// <summary>The file is damaged or is not a SQLite database: restore a backup.</summary>
    Corrupt,

    /// <summary>The file cannot be opened, read or written for another reason (an I/O error, a missing folder).</summary>
    Unavailable,
}
