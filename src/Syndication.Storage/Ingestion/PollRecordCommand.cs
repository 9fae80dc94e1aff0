using System.Data;
using System.Data.Common;

namespace Syndication.Storage.Ingestion;

/// <summary>
/// The statements that record one poll: the source's new state (its lease ended when the poller still held it), a line
/// of its history, the history trimmed to <see cref="EntryStore.PollsKept"/>, the URL a permanent redirect gave and,
/// when entries changed, the entries revision; one command, one round trip. Made once per transaction and run for each
/// poll of it, its parameters bound again.
/// </summary>
/// <remarks>
/// Plain ADO.NET, not Dapper, because this runs once for every poll, in the write turn every poll waits for: Dapper
/// makes a new command each call, so SQLite would prepare the statements again for each poll of a batch, and names
/// its parameters without a prefix, which Microsoft.Data.Sqlite then looks up in each statement under each of
/// <c>:</c>, <c>@</c> and <c>$</c>. Named <c>@…</c> here, each is looked up once; Npgsql reads the same names.
/// </remarks>
internal sealed class PollRecordCommand : IAsyncDisposable
{
    private const string Sql = """
        UPDATE sources SET
            last_poll_utc = @PolledAt,
            last_status = @HttpStatus,
            last_error = @Error,
            last_success_utc = CASE WHEN @Succeeded THEN @PolledAt ELSE last_success_utc END,
            consecutive_failures = CASE WHEN @Succeeded THEN 0 ELSE consecutive_failures + 1 END,
            etag = CASE WHEN @Succeeded THEN coalesce(@ETag, etag) ELSE etag END,
            last_modified = CASE WHEN @Succeeded THEN coalesce(@LastModified, last_modified) ELSE last_modified END,
            disabled_reason = coalesce(@DisabledReason, disabled_reason),
            next_poll_utc = @NextPoll,
            interval_minutes = @IntervalMinutes,
            title = coalesce(title, @FeedTitle),
            site_url = coalesce(site_url, @FeedSiteUrl),
            entry_count = (SELECT count(*) FROM entries WHERE source_id = @SourceId),
            lease_until_utc = CASE WHEN lease_owner = @LeaseOwner THEN NULL ELSE lease_until_utc END,
            lease_owner = CASE WHEN lease_owner = @LeaseOwner THEN NULL ELSE lease_owner END
        WHERE id = @SourceId;
        INSERT INTO source_polls (source_id, polled_utc, succeeded, http_status, error, new_entries, updated_entries, duration_ms, pushed)
        VALUES (@SourceId, @PolledAt, @Succeeded, @HttpStatus, @Error, @New, @Updated, @DurationMs, @Pushed);
        DELETE FROM source_polls WHERE source_id = @SourceId AND id NOT IN
            (SELECT id FROM source_polls WHERE source_id = @SourceId ORDER BY id DESC LIMIT @Keep);
        -- Another source may already use the new URL; then the old row keeps its URL rather than break uniqueness.
        UPDATE sources SET url = @MovedTo
        WHERE @MovedTo IS NOT NULL AND id = @SourceId AND NOT EXISTS (SELECT 1 FROM sources WHERE url = @MovedTo);

        """;

    // Last, so the one row every poll that changes entries writes is locked only for the commit.
    private const string NextRevision = "UPDATE archive_state SET entries_revision = entries_revision + 1 WHERE id = 1;\n";

    /// <summary>Each parameter, its type (so PostgreSQL knows it when the value is null: <c>@MovedTo IS NOT NULL</c>)
    /// and where its value comes from.</summary>
    private static readonly (string Name, DbType Type, Func<PollRecord, PollSaveResult, object?> Value)[] Parameters =
    [
        ("@SourceId", DbType.Int64, (poll, _) => poll.SourceId),
        ("@PolledAt", DbType.String, (poll, _) => Timestamps.ToText(poll.PolledAt)),
        ("@HttpStatus", DbType.Int32, (poll, _) => poll.HttpStatus),
        ("@Error", DbType.String, (poll, _) => poll.Error),
        ("@Succeeded", DbType.Boolean, (poll, _) => poll.Succeeded),
        ("@ETag", DbType.String, (poll, _) => poll.ETag),
        ("@LastModified", DbType.String, (poll, _) => poll.LastModified),
        ("@DisabledReason", DbType.String, (poll, _) => poll.DisabledReason),
        ("@NextPoll", DbType.String, (poll, _) => Timestamps.ToText(poll.NextPoll)),
        ("@IntervalMinutes", DbType.Int32, (poll, _) => poll.IntervalMinutes),
        ("@FeedTitle", DbType.String, (poll, _) => poll.FeedTitle),
        ("@FeedSiteUrl", DbType.String, (poll, _) => poll.FeedSiteUrl),
        ("@LeaseOwner", DbType.String, (poll, _) => poll.LeaseOwner),
        ("@MovedTo", DbType.String, (poll, _) => poll.MovedTo),
        ("@New", DbType.Int32, (_, result) => result.New),
        ("@Updated", DbType.Int32, (_, result) => result.Updated),
        ("@DurationMs", DbType.Int64, (poll, _) => poll.Duration is { } duration ? (long)duration.TotalMilliseconds : null),
        ("@Pushed", DbType.Boolean, (poll, _) => poll.Pushed),
        ("@Keep", DbType.Int32, (_, _) => EntryStore.PollsKept),
    ];

    private readonly DbCommand _command;

    /// <param name="connection">The connection of <paramref name="transaction"/>.</param>
    /// <param name="transaction">The write transaction the polls are recorded in.</param>
    /// <param name="entriesChanged">The polls stored new or changed entries: the archive's entries revision moves too.</param>
    public PollRecordCommand(DbConnection connection, DbTransaction transaction, bool entriesChanged)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = entriesChanged ? Sql + NextRevision : Sql;
        foreach (var (name, type, _) in Parameters)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            _command.Parameters.Add(parameter);
        }
    }

    /// <summary>Records <paramref name="poll"/>, whose entries were stored as <paramref name="result"/> says.</summary>
    public async Task ExecuteAsync(PollRecord poll, PollSaveResult result)
    {
        for (var i = 0; i < Parameters.Length; i++)
        {
            _command.Parameters[i].Value = Parameters[i].Value(poll, result) ?? DBNull.Value;
        }
        // Not the caller's token: once begun, a poll is recorded whole or not at all.
        await _command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
