using System.Data.Common;
using Syndication.Storage.Schema;
using Syndication.Storage.Search;
using Syndication.Storage.Stories;

namespace Syndication.Storage;

/// <summary>
/// The store's database, whichever engine it is: stores open connections and begin writes through it and hold their
/// SQL once; the few parts that differ per engine (search index, schema, locks, a list parameter) live behind it.
/// </summary>
public abstract class Database
{
    public abstract DatabaseEngine Engine { get; }

    /// <summary>Where the data is, for messages and logs: the SQLite file's path, or PostgreSQL's host and database (never a password).</summary>
    public abstract string Description { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A transaction that will write: SQLite takes its write lock at once (BEGIN IMMEDIATE) so two writers queue
    /// instead of failing at the commit; PostgreSQL reads committed data and locks rows as it writes them.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises the archive's writers for the rest of the transaction (slug allocation reads, then inserts): SQLite's
    /// write lock already does; PostgreSQL takes a transaction-scoped advisory lock that every node honours.
    /// </summary>
    internal abstract Task LockArchiveAsync(DbConnection connection, DbTransaction transaction);

    /// <summary>
    /// Lets this connection's next transaction, up to and including its commit, go past a size limit by a little: a
    /// delete writes a tombstone and search index changes (the full-text index flushes at commit) before the pages it
    /// frees can take them, and deleting is how space comes back to a full database. Taken and disposed outside a
    /// transaction; nothing to do where there is no such limit; disposing restores it.
    /// </summary>
    internal virtual Task<IAsyncDisposable> RoomToDeleteAsync(DbConnection connection) => Task.FromResult<IAsyncDisposable>(NothingToRestore.Instance);

    /// <summary>
    /// This process's turn to write, taken by the writers of the poll path (a poll's save and the poll leases) once their
    /// connection is open, and disposed after the commit; <paramref name="bulk"/> for a turn that writes many pages (a
    /// poll's entries), not a few (a lease, a 304's record). SQLite has one writer, and its busy handler sleeps and
    /// retries, so a waiting writer can keep losing to newer ones until its busy timeout ends: four polls at once on a loaded machine,
    /// each holding the lock about a second, left one waiting past 5 s (tests/load/README.md). Here they queue first
    /// come, first served, and the busy timeout is left for other writers and other processes. PostgreSQL locks rows,
    /// not the database: no wait.
    /// </summary>
    internal virtual Task<IAsyncDisposable> WriteTurnAsync(CancellationToken cancellationToken, bool bulk = false) => Task.FromResult<IAsyncDisposable>(NothingToRestore.Instance);

    /// <summary>What this process remembers of the story index (SQLite, whose file has one writer at a time); null where
    /// other nodes write beside this one (PostgreSQL).</summary>
    internal virtual StoryCache? StoryCache => null;

    /// <summary>SQLite's folded band runs held in memory (<see cref="Stories.BandRuns"/>); none on PostgreSQL.</summary>
    internal virtual BandRuns? BandRuns => null;

    private sealed class NothingToRestore : IAsyncDisposable
    {
        public static readonly NothingToRestore Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Whether a failure is worth retrying as it is: a lock or serialisation conflict, a dropped connection.</summary>
    public abstract bool IsTransient(Exception failure);

    /// <summary>
    /// Whether the database takes a write within <paramref name="wait"/>, writing nothing; null when it does, else why not.
    /// A lock another writer still holds after the wait is thrown as the engine's exception, which
    /// <see cref="StorageFailure.From"/> names <see cref="StorageFailureKind.Busy"/>: a long write is not a broken store.
    /// </summary>
    public abstract Task<string?> CheckWritableAsync(TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Parameters one statement of many rows or values should carry at most (<see cref="MultiRow"/>). PostgreSQL
    /// takes thousands in one round trip; SQLite finds each named parameter by a walk of the statement's names, so a
    /// statement of P parameters costs P² comparisons to bind and is kept small (see <see cref="SqliteDatabase"/>).</summary>
    internal virtual int ParametersPerStatement => 2000;

    /// <summary>A SQL condition that <paramref name="column"/> is one of the values of the list parameter <paramref name="parameter"/>.</summary>
    internal abstract string InList(string column, string parameter);

    /// <summary>What a row-claiming SELECT adds so that concurrent claimers skip each other's rows ("" where one writer is all there is).</summary>
    internal abstract string SkipLocked { get; }

    /// <summary>A SQL expression naming the run of the database server (its start time on PostgreSQL; a constant on
    /// SQLite, which has no server): read with a revision, it tells a restarted server, which may have come back with
    /// less than it had, from the one the revision was first read from.</summary>
    internal abstract string ServerRun { get; }

    internal abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Before any step runs: SQLite turns WAL on; PostgreSQL takes the schema's advisory lock, held until the result is disposed.</summary>
    internal abstract Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    internal abstract Task<bool> HasTableAsync(DbConnection connection, string table);

    internal abstract SearchEngine Search { get; }

    /// <summary>The newest schema version this build knows for this engine.</summary>
    public int LatestVersion => Migrations[^1].Version;
}
