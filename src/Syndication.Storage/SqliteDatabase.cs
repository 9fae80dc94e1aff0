using Microsoft.Data.Sqlite;
using Syndication.Storage.Search;

namespace Syndication.Storage;

/// <summary>Opens connections to the SQLite file with the settings every connection needs (foreign keys, busy timeout, the search_text function).</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private long _pageSize;

    /// <param name="path">The SQLite file.</param>
    /// <param name="busyTimeout">How long a write waits for another writer.</param>
    /// <param name="maxBytes">A size limit (0 for none): a write that would grow the file past it fails as on a full disk.</param>
    public SqliteDatabase(string path, TimeSpan busyTimeout, long maxBytes = 0)
    {
        Path = System.IO.Path.GetFullPath(path);
        BusyTimeout = busyTimeout;
        MaxBytes = maxBytes;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
    }

    public string Path { get; }

    public TimeSpan BusyTimeout { get; }

    public long MaxBytes { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // As SQLite would say it, so callers see one kind of storage failure (StorageFailure.From).
                throw new SqliteException($"SQLite Error 14: 'cannot create the folder {directory}: {error.Message}'.", 14);
            }
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        if (MaxBytes > 0)
        {
            // A per-connection limit in pages; SQLite never sets it below the pages the file already has.
            if (_pageSize == 0)
            {
                pragmas.CommandText = "PRAGMA page_size";
                _pageSize = Convert.ToInt64(await pragmas.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
            pragmas.CommandText = $"PRAGMA max_page_count = {Math.Max(1, MaxBytes / _pageSize)}";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }
        SearchFunctions.Register(connection);
        return connection;
    }
}
