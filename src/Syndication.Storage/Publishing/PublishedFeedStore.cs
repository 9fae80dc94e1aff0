using Dapper;

namespace Syndication.Storage.Publishing;

/// <summary>
/// The last seen version (tag) of every published feed and the WebSub pings owed for them: a feed whose tag moves
/// is owed a ping until the hub accepts one, retried at the times the caller chooses.
/// </summary>
public sealed class PublishedFeedStore(Database database, TimeProvider clock)
{
    /// <summary>
    /// Records the current tag of every published feed, in one transaction: a new feed or a moved tag is owed a ping;
    /// feeds no longer listed are forgotten (a feed that comes back is new again). On an empty table the tags are
    /// only recorded — the first look is a baseline, not a change.
    /// </summary>
    public async Task<FeedTagReport> RecordTagsAsync(IReadOnlyList<FeedTag> feeds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        var now = Timestamps.ToText(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var known = (await connection.QueryAsync<FeedTag>("SELECT path AS Path, tag AS Tag FROM published_feeds", transaction: transaction))
            .ToDictionary(feed => feed.Path, feed => feed.Tag, StringComparer.Ordinal);
        var baseline = known.Count == 0;
        var added = feeds.Where(feed => !known.ContainsKey(feed.Path)).DistinctBy(feed => feed.Path).ToList();
        var moved = feeds.Where(feed => known.TryGetValue(feed.Path, out var tag) && tag != feed.Tag).ToList();
        var listed = feeds.Select(feed => feed.Path).ToHashSet(StringComparer.Ordinal);
        var gone = known.Keys.Where(path => !listed.Contains(path)).ToList();

        await connection.ExecuteAsync("""
            INSERT INTO published_feeds (path, tag, changed_utc, pinged_tag, next_ping_utc)
            VALUES (@Path, @Tag, @Now, CASE WHEN @Baseline THEN @Tag END, CASE WHEN @Baseline THEN NULL ELSE @Now END)
            """,
            added.Select(feed => new { feed.Path, feed.Tag, Now = now, Baseline = baseline }), transaction);
        // A ping already owed keeps its retry time, so a failing hub is not hit again on every change.
        await connection.ExecuteAsync("""
            UPDATE published_feeds SET tag = @Tag, changed_utc = @Now, next_ping_utc = coalesce(next_ping_utc, @Now)
            WHERE path = @Path
            """,
            moved.Select(feed => new { feed.Path, feed.Tag, Now = now }), transaction);
        await connection.ExecuteAsync(
            "DELETE FROM published_feeds WHERE path = @Path", gone.Select(path => new { Path = path }), transaction);
        await transaction.CommitAsync(cancellationToken);
        return new FeedTagReport(baseline, added.Count, moved.Count, gone.Count);
    }

    /// <summary>The feeds owed a ping whose (next) attempt is due now, the longest waiting first.</summary>
    public async Task<IReadOnlyList<PublishedFeed>> ListDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PublishedFeedRow>(
            $"SELECT {PublishedFeedRow.Columns} FROM published_feeds WHERE next_ping_utc <= @Now ORDER BY next_ping_utc, path",
            new { Now = Timestamps.ToText(clock.GetUtcNow()) });
        return [.. rows.Select(row => row.ToPublishedFeed())];
    }

    public async Task<IReadOnlyList<PublishedFeed>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PublishedFeedRow>($"SELECT {PublishedFeedRow.Columns} FROM published_feeds ORDER BY path");
        return [.. rows.Select(row => row.ToPublishedFeed())];
    }

    /// <summary>The hub accepted a ping for <paramref name="tag"/>; if the feed moved on meanwhile, a ping stays owed.</summary>
    public async Task MarkPingedAsync(string path, string tag, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE published_feeds
            SET pinged_tag = @Tag, pinged_utc = @Now, ping_failures = 0, last_error = NULL,
                next_ping_utc = CASE WHEN tag = @Tag THEN NULL ELSE next_ping_utc END
            WHERE path = @Path
            """,
            new { Path = path, Tag = tag, Now = Timestamps.ToText(clock.GetUtcNow()) });
    }

    /// <summary>A ping failed: counts the failure, keeps the error and moves the next attempt to <paramref name="nextAttempt"/>.</summary>
    public async Task MarkPingFailedAsync(string path, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE published_feeds SET ping_failures = ping_failures + 1, last_error = @Error, next_ping_utc = @Next
            WHERE path = @Path AND next_ping_utc IS NOT NULL
            """,
            new { Path = path, Error = error, Next = Timestamps.ToText(nextAttempt) });
    }
}
