using Syndication.Core.Ingestion.Rules;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Rules;

namespace Syndication.Worker.Ingestion.Rules;

/// <summary>One rule against entries already stored: previewed on the newest ones, or a drop rule applied to all of them.</summary>
public sealed class StoredEntryRules(EntryStore entries, RuleStore rules)
{
    public const int DefaultPreviewCount = 500;
    private const int ExampleCount = 5;
    private const int PageSize = 500;

    /// <summary>Runs the rule (validated first) on the newest <paramref name="last"/> entries of its scope; stores nothing.</summary>
    public async Task<RulePreview> PreviewAsync(EditorialRule rule, int last, CancellationToken cancellationToken)
    {
        var set = RuleSet.From([rule]);
        var newest = rule.SourceId is { } sourceId
            ? await entries.GetLatestOfSourceAsync(sourceId, last, cancellationToken)
            : await entries.GetLatestAsync(last, cancellationToken);
        var affected = newest.Where(entry => Affects(set.Decide(entry), rule)).ToList();
        return new RulePreview(affected.Count, newest.Count, [.. affected.Take(ExampleCount).Select(entry => entry.Title ?? entry.Link ?? "(untitled)")]);
    }

    /// <summary>Deletes every stored entry of the rule's scope that the drop rule matches, counts them as its matches; returns how many.</summary>
    public async Task<int> ApplyAsync(StoredRule stored, CancellationToken cancellationToken)
    {
        if (stored.Rule.Action != RuleAction.Drop)
        {
            throw new RuleException("action", $"action: rule {stored.Rule.Id} is {stored.Rule.ActionText}; only drop rules are applied to stored entries");
        }
        var set = RuleSet.From([stored.Rule]);
        var matching = new List<long>();
        long after = 0;
        IReadOnlyList<IngestedEntry> page;
        do
        {
            page = await entries.GetPageAsync(stored.Rule.SourceId, after, PageSize, cancellationToken);
            matching.AddRange(page.Where(entry => !set.Decide(entry).Kept).Select(entry => entry.Id));
            after = page.Count > 0 ? page[^1].Id : after;
        }
        while (page.Count == PageSize);
        var deleted = await entries.DeleteAsync(matching, cancellationToken);
        await rules.AddMatchesAsync(new Dictionary<long, int> { [stored.Rule.Id] = deleted }, cancellationToken);
        return deleted;
    }

    // A drop or keep-only rule affects the entries it would keep out; a tag rule those it would label.
    private static bool Affects(RuleDecision decision, EditorialRule rule) =>
        rule.Action == RuleAction.Tag ? decision.Matched.Count > 0 : !decision.Kept;
}
