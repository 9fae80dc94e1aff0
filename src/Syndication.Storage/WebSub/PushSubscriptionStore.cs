using System.Data.Common;
using Dapper;

namespace Syndication.Storage.WebSub;

/// <summary>
/// The WebSub subscriptions of ingested sources: recorded when a poll finds a hub, requested and verified, renewed,
/// refused or lapsed, and their deliveries counted. Which subscription a callback is for is found by its token.
/// </summary>
public sealed class PushSubscriptionStore(Database database, TimeProvider clock)
{
    private const string Select = $"SELECT {PushSubscriptionRow.Columns} FROM websub_subscriptions";

    /// <summary>Longest error text kept; a hub's answer body is untrusted and unbounded.</summary>
    public const int ErrorLength = 500;

    public async Task<PushSubscription?> GetAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<PushSubscriptionRow>(Select + " WHERE source_id = @Id", new { Id = sourceId }))
            ?.ToSubscription();
    }

    /// <summary>The subscription a callback token names; null for a token we never gave out.</summary>
    public async Task<PushSubscription?> GetByTokenAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<PushSubscriptionRow>(Select + " WHERE token = @Token", new { Token = token }))
            ?.ToSubscription();
    }

    /// <summary>Every subscription, by source id (for the source list).</summary>
    public async Task<IReadOnlyDictionary<long, PushSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PushSubscriptionRow>(Select)).ToDictionary(row => row.SourceId, row => row.ToSubscription());
    }

    /// <summary>
    /// Records that the source's feed names <paramref name="hub"/> for <paramref name="topic"/>: a new subscription,
    /// to be requested at once, or — when the hub or topic changed, or the source comes back while its subscription
    /// was being ended — the old one replaced with a fresh token and secret. The same hub and topic again change
    /// nothing. True when something was written.
    /// </summary>
    public async Task<bool> RecordHubAsync(long sourceId, string hub, string topic, string token, string secret, CancellationToken cancellationToken)
    {
        var now = Timestamps.ToText(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("""
            INSERT INTO websub_subscriptions (source_id, hub_url, topic_url, token, secret, state, created_utc, next_attempt_utc)
            VALUES (@SourceId, @Hub, @Topic, @Token, @Secret, 'pending', @Now, @Now)
            ON CONFLICT (source_id) DO UPDATE SET
                hub_url = excluded.hub_url, topic_url = excluded.topic_url, token = excluded.token, secret = excluded.secret,
                state = 'pending', created_utc = excluded.created_utc, requested_utc = NULL, verified_utc = NULL,
                lease_seconds = NULL, lease_expires_utc = NULL, next_attempt_utc = excluded.next_attempt_utc, last_error = NULL
            WHERE websub_subscriptions.hub_url <> excluded.hub_url OR websub_subscriptions.topic_url <> excluded.topic_url
               OR websub_subscriptions.state = 'unsubscribing'
            """,
            new { SourceId = sourceId, Hub = hub, Topic = topic, Token = token, Secret = secret, Now = now }) > 0;
    }

    /// <summary>The subscriptions of active sources whose next attempt (request, renewal, retry) has come, the most overdue first.</summary>
    public async Task<IReadOnlyList<PushSubscription>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PushSubscriptionRow>($"""
            SELECT {PushSubscriptionRow.Columns} FROM websub_subscriptions w
            WHERE next_attempt_utc <= @Now
              AND EXISTS (SELECT 1 FROM sources s WHERE s.id = w.source_id AND s.removed_utc IS NULL AND s.disabled_reason IS NULL)
            ORDER BY next_attempt_utc, source_id
            LIMIT @Limit
            """, new { Now = Timestamps.ToText(clock.GetUtcNow()), Limit = limit });
        return [.. rows.Select(row => row.ToSubscription())];
    }

    /// <summary>
    /// Notes that a subscribe request goes to the hub now; if no verification comes by <paramref name="checkBy"/>,
    /// it is asked again then. An active subscription (a renewal) stays active meanwhile: its lease still runs.
    /// </summary>
    public async Task MarkRequestedAsync(long sourceId, DateTimeOffset checkBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE websub_subscriptions SET
                state = CASE WHEN state = 'active' THEN state ELSE 'requested' END,
                requested_utc = @Now, next_attempt_utc = @CheckBy
            WHERE source_id = @Id
            """, new { Id = sourceId, Now = Timestamps.ToText(clock.GetUtcNow()), CheckBy = Timestamps.ToText(checkBy) });
    }

    /// <summary>
    /// Notes a failed subscribe request, to be tried again at <paramref name="retryAt"/>; a subscription whose lease
    /// still runs stays active until it lapses. A renewal refused after its lease ran out ends push here (the round
    /// that would have found it lapsed came first), so its source is handed back to polling now; true then.
    /// </summary>
    public async Task<bool> MarkFailedAsync(long sourceId, string error, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        var now = Timestamps.ToText(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var ended = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM websub_subscriptions WHERE source_id = @Id AND state = 'active' AND coalesce(lease_expires_utc, '') <= @Now",
            new { Id = sourceId, Now = now }, transaction) > 0;
        await connection.ExecuteAsync("""
            UPDATE websub_subscriptions SET
                state = CASE WHEN state = 'active' AND lease_expires_utc > @Now THEN state ELSE 'failed' END,
                last_error = @Error, next_attempt_utc = @RetryAt
            WHERE source_id = @Id
            """,
            new { Id = sourceId, Error = Bounded(error), Now = now, RetryAt = Timestamps.ToText(retryAt) }, transaction);
        if (ended)
        {
            await PollNowAsync(connection, transaction, sourceId, now);
        }
        await transaction.CommitAsync(cancellationToken);
        return ended;
    }

    /// <summary>
    /// The hub's check of our intent to subscribe: when <paramref name="token"/> names a requested or active
    /// subscription to <paramref name="topic"/>, it becomes active with the lease the hub grants, is renewed from
    /// <paramref name="renewAt"/>, and the source's next poll moves out to <paramref name="stretchedPoll"/> at least.
    /// Null (nothing changed) for any other token, topic or state: then the check is answered 404.
    /// </summary>
    public async Task<PushSubscription?> VerifyAsync(
        string token, string topic, int leaseSeconds, DateTimeOffset renewAt, DateTimeOffset stretchedPoll, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PushSubscriptionRow>($"""
            UPDATE websub_subscriptions SET
                state = 'active', verified_utc = @Now, lease_seconds = @LeaseSeconds, lease_expires_utc = @Expires,
                next_attempt_utc = @RenewAt, last_error = NULL
            WHERE token = @Token AND topic_url = @Topic AND state IN ('requested', 'active')
            RETURNING {PushSubscriptionRow.Columns}
            """,
            new
            {
                Token = token,
                Topic = topic,
                LeaseSeconds = (long)leaseSeconds,
                Now = Timestamps.ToText(now),
                Expires = Timestamps.ToText(now.AddSeconds(leaseSeconds)),
                RenewAt = Timestamps.ToText(renewAt),
            },
            transaction);
        if (row is not null)
        {
            await connection.ExecuteAsync("""
                UPDATE sources SET next_poll_utc = @Stretched
                WHERE id = @Id AND (next_poll_utc IS NULL OR next_poll_utc < @Stretched)
                """, new { Id = row.SourceId, Stretched = Timestamps.ToText(stretchedPoll) }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return row?.ToSubscription();
    }

    /// <summary>
    /// The hub refused the subscription (hub.mode=denied) for <paramref name="topic"/>: no lease, asked again at
    /// <paramref name="retryAt"/>. False when the token or topic is not ours.
    /// </summary>
    public async Task<bool> DenyAsync(string token, string topic, string? reason, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        var now = Timestamps.ToText(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        // An active subscription denied ends push: its source, polled a day apart meanwhile, is due now.
        var wasActive = await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT source_id FROM websub_subscriptions WHERE token = @Token AND topic_url = @Topic AND state = 'active'",
            new { Token = token, Topic = topic }, transaction);
        var denied = await connection.ExecuteAsync("""
            UPDATE websub_subscriptions SET
                state = 'denied', lease_seconds = NULL, lease_expires_utc = NULL, last_error = @Error, next_attempt_utc = @RetryAt
            WHERE token = @Token AND topic_url = @Topic
            """,
            new { Token = token, Topic = topic, Error = Bounded("denied by the hub" + (string.IsNullOrWhiteSpace(reason) ? "" : ": " + reason)), RetryAt = Timestamps.ToText(retryAt) },
            transaction) > 0;
        if (wasActive is { } sourceId)
        {
            await PollNowAsync(connection, transaction, sourceId, now);
        }
        await transaction.CommitAsync(cancellationToken);
        return denied;
    }

    /// <summary>Counts one delivery: stored (its time is the last heard from the hub) or refused (a missing or wrong signature).</summary>
    public async Task RecordDeliveryAsync(long sourceId, bool accepted, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(accepted
            ? "UPDATE websub_subscriptions SET deliveries = deliveries + 1, last_delivery_utc = @Now WHERE source_id = @Id"
            : "UPDATE websub_subscriptions SET refused = refused + 1, last_refused_utc = @Now WHERE source_id = @Id",
            new { Id = sourceId, Now = Timestamps.ToText(clock.GetUtcNow()) });
    }

    /// <summary>
    /// Ends push for the active subscriptions whose lease ran out (expired) or that heard nothing since
    /// <paramref name="silentSince"/> (silent): each is asked again at once, and its source is due now, so polling
    /// takes back its own rhythm from the next poll. Returns the subscriptions as they were.
    /// </summary>
    public async Task<IReadOnlyList<PushSubscription>> LapseAsync(DateTimeOffset silentSince, CancellationToken cancellationToken)
    {
        var now = Timestamps.ToText(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var lapsed = (await connection.QueryAsync<PushSubscriptionRow>(
                Select + " WHERE state = 'active' AND (lease_expires_utc <= @Now OR coalesce(last_delivery_utc, verified_utc) < @Silent)",
                new { Now = now, Silent = Timestamps.ToText(silentSince) }, transaction))
            .Select(row => row.ToSubscription()).ToList();
        foreach (var subscription in lapsed)
        {
            var expired = subscription.LeaseExpires <= clock.GetUtcNow();
            await connection.ExecuteAsync(
                "UPDATE websub_subscriptions SET state = @State, next_attempt_utc = @Now WHERE source_id = @Id",
                new { Id = subscription.SourceId, State = expired ? PushStates.Expired : PushStates.Silent, Now = now }, transaction);
            await PollNowAsync(connection, transaction, subscription.SourceId, now);
        }
        await transaction.CommitAsync(cancellationToken);
        return lapsed;
    }

    // Push ended for the source: its poll, stretched while the hub pushed, is due now (an earlier one is left as it is).
    private static Task<int> PollNowAsync(DbConnection connection, DbTransaction transaction, long sourceId, string now) =>
        connection.ExecuteAsync(
            "UPDATE sources SET next_poll_utc = @Now WHERE id = @Id AND (next_poll_utc IS NULL OR next_poll_utc > @Now)",
            new { Id = sourceId, Now = now }, transaction);

    /// <summary>
    /// Ends the subscriptions of removed sources. Those whose lease still runs at the hub become unsubscribing and are
    /// returned, to be asked of the hub, which has until <paramref name="verifyBy"/> to check our intent. The others —
    /// never verified, lapsed, or unsubscribing past their time — are dropped: nothing is left to ask for.
    /// </summary>
    public async Task<IReadOnlyList<PushSubscription>> EndRemovedAsync(DateTimeOffset verifyBy, CancellationToken cancellationToken)
    {
        var now = Timestamps.ToText(clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync("""
            DELETE FROM websub_subscriptions
            WHERE source_id IN (SELECT id FROM sources WHERE removed_utc IS NOT NULL)
              AND CASE WHEN state = 'unsubscribing' THEN coalesce(next_attempt_utc, '') <= @Now
                       ELSE NOT (state IN ('active', 'silent') AND coalesce(lease_expires_utc, '') > @Now) END
            """, new { Now = now }, transaction);
        var ending = await connection.QueryAsync<PushSubscriptionRow>($"""
            UPDATE websub_subscriptions SET state = 'unsubscribing', requested_utc = @Now, next_attempt_utc = @VerifyBy, last_error = NULL
            WHERE source_id IN (SELECT id FROM sources WHERE removed_utc IS NOT NULL)
              AND state IN ('active', 'silent') AND lease_expires_utc > @Now
            RETURNING {PushSubscriptionRow.Columns}
            """, new { Now = now, VerifyBy = Timestamps.ToText(verifyBy) }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return [.. ending.Select(row => row.ToSubscription())];
    }

    /// <summary>
    /// The hub's check of our intent to unsubscribe: when <paramref name="token"/> names a subscription being ended
    /// for <paramref name="topic"/>, it is dropped and returned (the challenge is then echoed); null for anything else.
    /// </summary>
    public async Task<PushSubscription?> UnsubscribedAsync(string token, string topic, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<PushSubscriptionRow>($"""
            DELETE FROM websub_subscriptions WHERE token = @Token AND topic_url = @Topic AND state = 'unsubscribing'
            RETURNING {PushSubscriptionRow.Columns}
            """, new { Token = token, Topic = topic }))?.ToSubscription();
    }

    /// <summary>Drops a subscription being ended whose unsubscribe request failed: best effort, its lease runs out at the hub.</summary>
    public async Task DropUnsubscribingAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "DELETE FROM websub_subscriptions WHERE token = @Token AND state = 'unsubscribing'", new { Token = token });
    }

    private static string Bounded(string text) => text.Length <= ErrorLength ? text : text[..ErrorLength] + "…";
}
