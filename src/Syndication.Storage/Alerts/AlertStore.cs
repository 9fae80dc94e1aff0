using System.Data.Common;
using Dapper;

namespace Syndication.Storage.Alerts;

/// <summary>
/// Webhooks and their deliveries: the events waiting to be looked at are taken and turned into deliveries in one
/// transaction (each webhook gets an event key once, ever), and due deliveries are claimed by one process at a time.
/// </summary>
public sealed class AlertStore(Database database, TimeProvider clock)
{
    /// <summary>The longest error text kept for an attempt.</summary>
    public const int MaxErrorLength = 500;

    private const string SelectWebhook = """
        SELECT id AS Id, url AS Url, events AS Events, words AS Words, failures AS Failures, secret AS Secret, created_utc AS CreatedUtc
        FROM webhooks
        """;

    private const string SelectEntry = """
        SELECT e.id AS Id, e.source_id AS SourceId, s.title AS SourceTitle, s.url AS SourceUrl, e.title AS Title, e.link AS Link,
               e.summary_html AS SummaryHtml, e.content_html AS ContentHtml, e.published_utc AS PublishedUtc,
               e.first_seen_utc AS FirstSeenUtc, e.story_id AS StoryId
        FROM entries e JOIN sources s ON s.id = e.source_id
        """;

    private const string SelectDelivery = """
        SELECT d.id AS Id, d.webhook_id AS WebhookId, w.url AS Url, d.event AS Event, d.event_key AS EventKey, d.created_utc AS CreatedUtc,
               d.state AS State, d.attempts AS Attempts, d.next_attempt_utc AS NextAttemptUtc, d.last_status AS LastStatus,
               d.last_error AS LastError, d.finished_utc AS FinishedUtc
        FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        """;

    public async Task<Webhook> AddWebhookAsync(NewWebhook webhook, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO webhooks (url, events, words, failures, secret, created_utc)
            VALUES (@Url, @Events, @Words, @Failures, @Secret, @Created)
            RETURNING id
            """,
            new
            {
                Url = webhook.Url.AbsoluteUri,
                Events = string.Join(' ', webhook.Events),
                webhook.Words,
                Failures = (long)webhook.Failures,
                webhook.Secret,
                Created = Timestamps.ToText(clock.GetUtcNow()),
            },
            transaction);
        var stored = (await connection.QuerySingleAsync<WebhookRow>(SelectWebhook + " WHERE id = @Id", new { Id = id }, transaction)).ToWebhook();
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<IReadOnlyList<Webhook>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ListWebhooksAsync(connection, null);
    }

    private static async Task<IReadOnlyList<Webhook>> ListWebhooksAsync(DbConnection connection, DbTransaction? transaction) =>
        [.. (await connection.QueryAsync<WebhookRow>(SelectWebhook + " ORDER BY id", transaction: transaction)).Select(row => row.ToWebhook())];

    /// <summary>Removes a webhook with its deliveries and their attempts; false when there was none with that id.</summary>
    public async Task<bool> RemoveWebhookAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(
            "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = @Id)", new { Id = id }, transaction);
        await connection.ExecuteAsync("DELETE FROM webhook_deliveries WHERE webhook_id = @Id", new { Id = id }, transaction);
        var removed = await connection.ExecuteAsync("DELETE FROM webhooks WHERE id = @Id", new { Id = id }, transaction) > 0;
        if (!await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM webhooks)", transaction: transaction))
        {
            // With no webhook left nothing will want what is waiting (and the triggers stop adding to it).
            await connection.ExecuteAsync("DELETE FROM alert_pending", transaction: transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>How many events wait to be looked at.</summary>
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM alert_pending");
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> waiting events, reads what they are about, asks <paramref name="decide"/>
    /// which deliveries they make, and stores those — all in one transaction, so a crash loses nothing and a second
    /// process skips what this one took. A delivery whose webhook already has its event key is not stored again.
    /// Returns how many events were taken and how many deliveries were new.
    /// </summary>
    public async Task<(int Taken, int Enqueued)> ProcessPendingAsync(
        int limit, Func<AlertBatch, IReadOnlyList<NewDelivery>> decide, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var taken = (await connection.QueryAsync<PendingRow>($"""
            DELETE FROM alert_pending WHERE id IN (SELECT id FROM alert_pending ORDER BY id LIMIT @Limit{database.SkipLocked})
            RETURNING id AS Id, kind AS Kind, subject_id AS SubjectId, other_id AS OtherId
            """, new { Limit = limit }, transaction)).ToList();
        if (taken.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return (0, 0);
        }
        var webhooks = await ListWebhooksAsync(connection, transaction);
        var entryIds = taken.Where(row => row.Kind == "entry").Select(row => row.SubjectId).Distinct().ToArray();
        var stories = entryIds.Length == 0 ? [] : (await connection.QueryAsync<EntryRow>(
                SelectEntry + $"\nWHERE {database.InList("e.id", "@Ids")} AND e.story_id = e.id ORDER BY e.id", new { Ids = entryIds }, transaction))
            .Select(row => row.ToEntry()).ToList();
        var coverage = await ReadCoverageAsync(connection, transaction, [.. taken.Where(row => row.Kind == "coverage" && row.OtherId is not null)
            .Select(row => (Article: row.SubjectId, Entry: row.OtherId!.Value)).Distinct()]);
        var sources = new List<AlertSource>();
        foreach (var sourceId in taken.Where(row => row.Kind == "poll").Select(row => row.SubjectId).Distinct())
        {
            if (await ReadSourceAsync(connection, transaction, sourceId) is { } source)
            {
                sources.Add(source);
            }
        }
        var deliveries = decide(new AlertBatch(webhooks, stories, coverage, sources));
        var now = Timestamps.ToText(clock.GetUtcNow());
        var enqueued = deliveries.Count == 0 ? 0 : await connection.ExecuteAsync("""
            INSERT INTO webhook_deliveries (webhook_id, event, event_key, payload, created_utc, state, attempts, next_attempt_utc)
            VALUES (@WebhookId, @Event, @EventKey, @Payload, @Now, 'pending', 0, @Now)
            ON CONFLICT (webhook_id, event_key) DO NOTHING
            """,
            deliveries.Select(delivery => new { delivery.WebhookId, delivery.Event, delivery.EventKey, delivery.Payload, Now = now }),
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return (taken.Count, enqueued);
    }

    private async Task<IReadOnlyList<AlertCoverage>> ReadCoverageAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(long Article, long Entry)> pairs)
    {
        if (pairs.Count == 0)
        {
            return [];
        }
        var wanted = pairs.ToHashSet();
        var entryIds = pairs.Select(pair => pair.Entry).Distinct().ToArray();
        // The relation may be gone again (the article re-related, the entry deleted): only what still holds counts.
        var relations = (await connection.QueryAsync<CoverageRow>($"""
                SELECT c.article_id AS ArticleId, c.entry_id AS EntryId, c.score AS Score, a.slug AS Slug, a.title AS Title, a.published_utc AS PublishedUtc
                FROM article_coverage c JOIN articles a ON a.id = c.article_id
                WHERE {database.InList("c.entry_id", "@Ids")}
                ORDER BY c.article_id, c.entry_id
                """, new { Ids = entryIds }, transaction))
            .Where(row => wanted.Contains((row.ArticleId, row.EntryId)))
            .ToList();
        if (relations.Count == 0)
        {
            return [];
        }
        var entries = (await connection.QueryAsync<EntryRow>(
                SelectEntry + $"\nWHERE {database.InList("e.id", "@Ids")}", new { Ids = relations.Select(row => row.EntryId).Distinct().ToArray() }, transaction))
            .ToDictionary(row => row.Id, row => row.ToEntry());
        return [.. relations.Where(row => entries.ContainsKey(row.EntryId)).Select(row =>
            new AlertCoverage(row.ArticleId, row.Slug, row.Title, Timestamps.FromText(row.PublishedUtc), row.Score, entries[row.EntryId]))];
    }

    private static async Task<AlertSource?> ReadSourceAsync(DbConnection connection, DbTransaction transaction, long sourceId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>("""
            SELECT id AS Id, url AS Url, title AS Title, consecutive_failures AS ConsecutiveFailures, last_status AS LastStatus,
                   last_error AS LastError, last_success_utc AS LastSuccessUtc, created_utc AS CreatedUtc
            FROM sources WHERE id = @Id AND removed_utc IS NULL AND disabled_reason IS NULL
            """, new { Id = sourceId }, transaction);
        if (row is null)
        {
            return null;
        }
        var arrivals = await connection.QueryAsync<string>(
            "SELECT DISTINCT first_seen_utc FROM entries WHERE source_id = @Id ORDER BY first_seen_utc DESC LIMIT @Limit",
            new { Id = sourceId, Limit = Core.Alerts.SourceRhythm.TimesRead }, transaction);
        return new AlertSource(row.Id, row.Url, row.Title, (int)row.ConsecutiveFailures, (int?)row.LastStatus, row.LastError,
            Timestamps.FromNullableText(row.LastSuccessUtc), Timestamps.FromText(row.CreatedUtc), [.. arrivals.Select(Timestamps.FromText)]);
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> deliveries that are due (pending, their time reached, no live lease) to
    /// <paramref name="owner"/> until now + <paramref name="lease"/>, the longest-waiting first; concurrent claimers on
    /// any node never get the same delivery.
    /// </summary>
    public async Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(string owner, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var claimed = (await connection.QueryAsync<ClaimedRow>($"""
            UPDATE webhook_deliveries SET lease_owner = @Owner, lease_until_utc = @Until
            WHERE id IN (
                SELECT id FROM webhook_deliveries
                WHERE state = 'pending' AND next_attempt_utc <= @Now AND (lease_until_utc IS NULL OR lease_until_utc < @Now)
                ORDER BY next_attempt_utc, id
                LIMIT @Limit{database.SkipLocked})
            RETURNING id AS Id, webhook_id AS WebhookId, event AS Event, payload AS Payload, attempts AS Attempts
            """,
            new { Owner = owner, Now = Timestamps.ToText(now), Until = Timestamps.ToText(now + lease), Limit = limit },
            transaction)).ToList();
        var webhooks = claimed.Count == 0 ? new Dictionary<long, Webhook>() : (await connection.QueryAsync<WebhookRow>(
                SelectWebhook + $"\nWHERE {database.InList("id", "@Ids")}", new { Ids = claimed.Select(row => row.WebhookId).Distinct().ToArray() }, transaction))
            .Select(row => row.ToWebhook()).ToDictionary(webhook => webhook.Id);
        await transaction.CommitAsync(cancellationToken);
        return [.. claimed.Where(row => webhooks.ContainsKey(row.WebhookId)).OrderBy(row => row.Id).Select(row =>
            new DueDelivery(row.Id, row.WebhookId, webhooks[row.WebhookId].Url, webhooks[row.WebhookId].Secret, row.Event, row.Payload, (int)row.Attempts))];
    }

    /// <summary>
    /// Stores an attempt's outcome and ends the lease: delivered, failed for good (<paramref name="retryAt"/> null and
    /// not delivered), or due again at <paramref name="retryAt"/>. False when <paramref name="owner"/> lost the lease
    /// meanwhile (then nothing is stored: the holder's outcome counts).
    /// </summary>
    public async Task<bool> RecordAttemptAsync(DueDelivery delivery, string owner, DeliveryOutcome outcome, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var error = outcome.Error is { Length: > MaxErrorLength } text ? text[..MaxErrorLength] : outcome.Error;
        var state = outcome.Delivered ? DeliveryStates.Delivered : retryAt is null ? DeliveryStates.Failed : DeliveryStates.Pending;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var updated = await connection.ExecuteAsync("""
            UPDATE webhook_deliveries SET state = @State, attempts = attempts + 1, next_attempt_utc = @Next, last_status = @Status,
                last_error = @Error, finished_utc = @Finished, lease_owner = NULL, lease_until_utc = NULL
            WHERE id = @Id AND lease_owner = @Owner
            """,
            new
            {
                delivery.Id,
                Owner = owner,
                State = state,
                Next = state == DeliveryStates.Pending ? Timestamps.ToText(retryAt!.Value) : null,
                Status = (long?)outcome.HttpStatus,
                Error = error,
                Finished = state == DeliveryStates.Pending ? null : Timestamps.ToText(now),
            },
            transaction);
        if (updated == 0)
        {
            return false;
        }
        await connection.ExecuteAsync("""
            INSERT INTO webhook_attempts (delivery_id, attempt, attempted_utc, http_status, error, duration_ms)
            VALUES (@Id, (SELECT attempts FROM webhook_deliveries WHERE id = @Id), @Now, @Status, @Error, @DurationMs)
            """,
            new { delivery.Id, Now = Timestamps.ToText(now), Status = (long?)outcome.HttpStatus, Error = error, DurationMs = (long)outcome.Duration.TotalMilliseconds },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The newest deliveries first, only those that failed for good or whose last attempt failed when <paramref name="failedOnly"/>.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(bool failedOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var filter = failedOnly ? "\nWHERE d.state = 'failed' OR (d.state = 'pending' AND d.attempts > 0)" : "";
        return [.. (await connection.QueryAsync<DeliveryRow>(SelectDelivery + filter + "\nORDER BY d.id DESC LIMIT @Limit", new { Limit = limit }))
            .Select(row => row.ToRecord())];
    }

    /// <summary>Each webhook's newest delivery, by webhook id (a webhook that has had none is absent).</summary>
    public async Task<IReadOnlyDictionary<long, DeliveryRecord>> LastDeliveriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DeliveryRow>(SelectDelivery + "\nWHERE d.id IN (SELECT max(id) FROM webhook_deliveries GROUP BY webhook_id)"))
            .Select(row => row.ToRecord())
            .ToDictionary(delivery => delivery.WebhookId);
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(long deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<AttemptRow>("""
                SELECT attempt AS Attempt, attempted_utc AS AttemptedUtc, http_status AS HttpStatus, error AS Error, duration_ms AS DurationMs
                FROM webhook_attempts WHERE delivery_id = @Id ORDER BY attempt
                """, new { Id = deliveryId }))
            .Select(row => new DeliveryAttempt((int)row.Attempt, Timestamps.FromText(row.AttemptedUtc), (int?)row.HttpStatus, row.Error, row.DurationMs))];
    }

    /// <summary>Deletes finished deliveries (and their attempts) older than <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        const string Old = "SELECT id FROM webhook_deliveries WHERE state <> 'pending' AND finished_utc < @Cutoff";
        await connection.ExecuteAsync($"DELETE FROM webhook_attempts WHERE delivery_id IN ({Old})", new { Cutoff = Timestamps.ToText(cutoff) }, transaction);
        var deleted = await connection.ExecuteAsync($"DELETE FROM webhook_deliveries WHERE id IN ({Old})", new { Cutoff = Timestamps.ToText(cutoff) }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private sealed record WebhookRow(long Id, string Url, string Events, string? Words, long Failures, string Secret, string CreatedUtc)
    {
        public Webhook ToWebhook() => new(Id, new Uri(Url), Events.Split(' ', StringSplitOptions.RemoveEmptyEntries), Words, (int)Failures, Secret,
            Timestamps.FromText(CreatedUtc));
    }

    private sealed record PendingRow(long Id, string Kind, long SubjectId, long? OtherId);

    private sealed record EntryRow(
        long Id, long SourceId, string? SourceTitle, string SourceUrl, string? Title, string? Link, string? SummaryHtml, string? ContentHtml,
        string? PublishedUtc, string FirstSeenUtc, long? StoryId)
    {
        public AlertEntry ToEntry() => new(Id, SourceId, SourceTitle, SourceUrl, Title, Link, SummaryHtml, ContentHtml,
            Timestamps.FromNullableText(PublishedUtc), Timestamps.FromText(FirstSeenUtc), StoryId ?? Id);
    }

    private sealed record CoverageRow(long ArticleId, long EntryId, double Score, string Slug, string Title, string PublishedUtc);

    private sealed record SourceRow(
        long Id, string Url, string? Title, long ConsecutiveFailures, long? LastStatus, string? LastError, string? LastSuccessUtc, string CreatedUtc);

    private sealed record ClaimedRow(long Id, long WebhookId, string Event, string Payload, long Attempts);

    private sealed record DeliveryRow(
        long Id, long WebhookId, string Url, string Event, string EventKey, string CreatedUtc, string State, long Attempts,
        string? NextAttemptUtc, long? LastStatus, string? LastError, string? FinishedUtc)
    {
        public DeliveryRecord ToRecord() => new(Id, WebhookId, Url, Event, EventKey, Timestamps.FromText(CreatedUtc), State, (int)Attempts,
            Timestamps.FromNullableText(NextAttemptUtc), (int?)LastStatus, LastError, Timestamps.FromNullableText(FinishedUtc));
    }

    private sealed record AttemptRow(long Attempt, string AttemptedUtc, long? HttpStatus, string? Error, long DurationMs);
}
