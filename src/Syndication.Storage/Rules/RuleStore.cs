using Dapper;
using Syndication.Core.Ingestion.Rules;

namespace Syndication.Storage.Rules;

/// <summary>The editorial rules: added (validated first), listed with their match counts, removed, loaded for a poll.</summary>
public sealed class RuleStore(Database database, TimeProvider clock)
{
    private const string Select = """
        SELECT id AS Id, source_id AS SourceId, action AS Action, kind AS Kind, pattern AS Pattern,
               created_utc AS CreatedUtc, matched_count AS MatchedCount
        FROM editorial_rules
        """;

    /// <summary>Saves a rule; a <see cref="RuleException"/> names what is wrong with it (or the source it names that does not exist).</summary>
    public async Task<StoredRule> AddAsync(EditorialRule rule, CancellationToken cancellationToken)
    {
        CompiledRule.From(rule);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        if (rule.SourceId is { } sourceId
            && await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sources WHERE id = @Id", new { Id = sourceId }, transaction) == 0)
        {
            throw new RuleException("source", $"source: there is no source {sourceId}");
        }
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO editorial_rules (source_id, action, kind, pattern, created_utc, matched_count)
            VALUES (@SourceId, @Action, @Kind, @Pattern, @Created, 0)
            RETURNING id
            """,
            new { rule.SourceId, Action = rule.ActionText, Kind = rule.KindText, rule.Pattern, Created = Timestamps.ToText(clock.GetUtcNow()) },
            transaction);
        var stored = (await connection.QuerySingleAsync<RuleRow>(Select + " WHERE id = @Id", new { Id = id }, transaction)).ToRule();
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<IReadOnlyList<StoredRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<RuleRow>(Select + " ORDER BY id")).Select(row => row.ToRule())];
    }

    public async Task<StoredRule?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<RuleRow>(Select + " WHERE id = @Id", new { Id = id }))?.ToRule();
    }

    /// <summary>The rules a poll of this source goes through (the global ones and the source's own), read once per poll.</summary>
    public async Task<RuleSet> LoadForSourceAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RuleRow>(Select + " WHERE source_id IS NULL OR source_id = @SourceId ORDER BY id", new { SourceId = sourceId });
        return RuleSet.From(rows.Select(row => row.ToRule().Rule));
    }

    /// <summary>Removes a rule; false when there was none with that id.</summary>
    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM editorial_rules WHERE id = @Id", new { Id = id }) > 0;
    }

    /// <summary>Adds to each rule's count of matched entries (a rule removed meanwhile is simply not counted).</summary>
    public async Task AddMatchesAsync(IReadOnlyDictionary<long, int> matches, CancellationToken cancellationToken)
    {
        if (matches.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE editorial_rules SET matched_count = matched_count + @Count WHERE id = @Id",
            matches.Select(match => new { Id = match.Key, Count = (long)match.Value }), transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    // An editorial_rules row as Dapper reads it.
    private sealed record RuleRow(long Id, long? SourceId, string Action, string Kind, string Pattern, string CreatedUtc, long MatchedCount)
    {
        public StoredRule ToRule()
        {
            var (action, label) = RuleText.ParseAction(Action);
            return new StoredRule(
                new EditorialRule(Id, SourceId, action, label, RuleText.ParseKind(Kind), Pattern), Timestamps.FromText(CreatedUtc), MatchedCount);
        }
    }
}
