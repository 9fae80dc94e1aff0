namespace Syndication.Core.Ingestion.Rules;

/// <summary>
/// The editorial rules in force, prepared once (per poll) and asked about each entry. Order of evaluation: rules not
/// of the entry's source are ignored; a matching drop rule drops the entry; then for each scope (global, the source)
/// that has keep-only rules, an entry matching none of them is dropped; a kept entry gets the labels of every
/// matching tag rule. Every rule whose pattern matched is reported, whatever the outcome, so counts can be kept.
/// </summary>
public sealed class RuleSet
{
    private readonly IReadOnlyList<CompiledRule> rules;

    private RuleSet(IReadOnlyList<CompiledRule> rules) => this.rules = rules;

    public static RuleSet Empty { get; } = new([]);

    public bool IsEmpty => rules.Count == 0;

    /// <summary>Validates and prepares every rule; the first bad one throws a <see cref="RuleException"/>.</summary>
    public static RuleSet From(IEnumerable<EditorialRule> rules) => new(rules.Select(CompiledRule.From).ToList());

    /// <summary>Decides each of a poll's entries: the kept ones carry their tags among their categories.</summary>
    public RuleFiltering Filter(IReadOnlyList<ParsedEntry> entries, long sourceId)
    {
        if (rules.Count == 0)
        {
            return new RuleFiltering(entries, 0, new Dictionary<long, int>(), new Dictionary<long, int>());
        }
        var kept = new List<ParsedEntry>(entries.Count);
        var matches = new Dictionary<long, int>();
        var timedOut = new Dictionary<long, int>();
        foreach (var entry in entries)
        {
            var decision = Decide(entry, sourceId);
            foreach (var id in decision.Matched)
            {
                matches[id] = matches.GetValueOrDefault(id) + 1;
            }
            foreach (var id in decision.TimedOut)
            {
                timedOut[id] = timedOut.GetValueOrDefault(id) + 1;
            }
            if (!decision.Kept)
            {
                continue;
            }
            var added = decision.Tags.Where(tag => !entry.Categories.Contains(tag, StringComparer.OrdinalIgnoreCase)).ToList();
            kept.Add(added.Count == 0 ? entry : entry with { Categories = [.. entry.Categories, .. added] });
        }
        return new RuleFiltering(kept, entries.Count - kept.Count, matches, timedOut);
    }

    /// <summary>Decides a stored entry as if its source had just sent it.</summary>
    public RuleDecision Decide(Sources.IngestedEntry entry) => Decide(
        new ParsedEntry(entry.OriginalId, entry.Link, entry.Title, entry.Published, entry.Updated, entry.Authors,
            entry.SummaryHtml, entry.ContentHtml, entry.Categories, entry.Enclosures),
        entry.SourceId);

    public RuleDecision Decide(ParsedEntry entry, long sourceId)
    {
        if (rules.Count == 0)
        {
            return RuleDecision.KeepUntouched;
        }
        var subject = new RuleSubject(entry);
        var matched = new List<long>();
        var timedOut = new List<long>();
        var tags = new List<string>();
        var dropped = false;
        bool? globalKeep = null;
        bool? sourceKeep = null;
        foreach (var rule in rules)
        {
            if (!rule.AppliesTo(sourceId))
            {
                continue;
            }
            var result = rule.Matches(subject);
            if (result is null)
            {
                timedOut.Add(rule.Rule.Id);
            }
            var matches = result == true;
            if (matches)
            {
                matched.Add(rule.Rule.Id);
            }
            switch (rule.Rule.Action)
            {
                case RuleAction.Drop:
                    dropped |= matches;
                    break;
                case RuleAction.KeepOnly when rule.Rule.SourceId is null:
                    globalKeep = (globalKeep ?? false) || matches;
                    break;
                case RuleAction.KeepOnly:
                    sourceKeep = (sourceKeep ?? false) || matches;
                    break;
                case RuleAction.Tag when matches && !tags.Contains(rule.Rule.Label!, StringComparer.OrdinalIgnoreCase):
                    tags.Add(rule.Rule.Label!);
                    break;
            }
        }
        var kept = !dropped && globalKeep != false && sourceKeep != false;
        return new RuleDecision(kept, matched, kept ? tags : [], timedOut);
    }
}
