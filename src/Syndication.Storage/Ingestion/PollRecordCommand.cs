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

    private readonly DbCommand _command;
    private readonly DbParameter _sourceId, _polledAt, _httpStatus, _error, _succeeded, _etag, _lastModified, _disabledReason,
        _nextPoll, _intervalMinutes, _feedTitle, _feedSiteUrl, _leaseOwner, _movedTo, _new, _updated, _durationMs, _pushed;

    /// <param name="connection">The connection of <paramref name="transaction"/>.</param>
    /// <param name="transaction">The write transaction the polls are recorded in.</param>
    /// <param name="entriesChanged">The polls stored new or changed entries: the archive's entries revision moves too.</param>
    public PollRecordCommand(DbConnection connection, DbTransaction transaction, bool entriesChanged)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = entriesChanged ? Sql + NextRevision : Sql;
        _sourceId = Add("@SourceId", DbType.Int64);
        _polledAt = Add("@PolledAt", DbType.String);
        _httpStatus = Add("@HttpStatus", DbType.Int32);
        _error = Add("@Error", DbType.String);
        _succeeded = Add("@Succeeded", DbType.Boolean);
        _etag = Add("@ETag", DbType.String);
        _lastModified = Add("@LastModified", DbType.String);
        _disabledReason = Add("@DisabledReason", DbType.String);
        _nextPoll = Add("@NextPoll", DbType.String);
        _intervalMinutes = Add("@IntervalMinutes", DbType.Int32);
        _feedTitle = Add("@FeedTitle", DbType.String);
        _feedSiteUrl = Add("@FeedSiteUrl", DbType.String);
        _leaseOwner = Add("@LeaseOwner", DbType.String);
        _movedTo = Add("@MovedTo", DbType.String);
        _new = Add("@New", DbType.Int32);
        _updated = Add("@Updated", DbType.Int32);
        _durationMs = Add("@DurationMs", DbType.Int64);
        _pushed = Add("@Pushed", DbType.Boolean);
        Add("@Keep", DbType.Int32).Value = EntryStore.PollsKept;
    }

    /// <summary>Records <paramref name="poll"/>, whose entries were stored as <paramref name="result"/> says.</summary>
    public async Task ExecuteAsync(PollRecord poll, PollSaveResult result)
    {
        Set(_sourceId, poll.SourceId);
        Set(_polledAt, Timestamps.ToText(poll.PolledAt));
        Set(_httpStatus, poll.HttpStatus);
        Set(_error, poll.Error);
        Set(_succeeded, poll.Succeeded);
        Set(_etag, poll.ETag);
        Set(_lastModified, poll.LastModified);
        Set(_disabledReason, poll.DisabledReason);
        Set(_nextPoll, Timestamps.ToText(poll.NextPoll));
        Set(_intervalMinutes, poll.IntervalMinutes);
        Set(_feedTitle, poll.FeedTitle);
        Set(_feedSiteUrl, poll.FeedSiteUrl);
        Set(_leaseOwner, poll.LeaseOwner);
        Set(_movedTo, poll.MovedTo);
        Set(_new, result.New);
        Set(_updated, result.Updated);
        Set(_durationMs, poll.Duration is { } duration ? (long?)(long)duration.TotalMilliseconds : null);
        Set(_pushed, poll.Pushed);
        // Not the caller's token: once begun, a poll is recorded whole or not at all.
        await _command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    // Typed, so PostgreSQL knows a parameter's type when its value is null (@MovedTo IS NOT NULL).
    private DbParameter Add(string name, DbType type)
    {
        var parameter = _command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        _command.Parameters.Add(parameter);
        return parameter;
    }

    private static void Set(DbParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;
}
