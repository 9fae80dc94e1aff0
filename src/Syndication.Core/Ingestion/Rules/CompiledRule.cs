using System.Text.RegularExpressions;
using Syndication.Core.Search;

namespace Syndication.Core.Ingestion.Rules;

/// <summary>A validated rule, its pattern prepared once (folded words, compiled regex) for matching many entries.</summary>
public sealed class CompiledRule
{
    public const int MaxPatternLength = 1000;

    /// <summary>How long one regex match may run on one entry before it counts as no match.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    private readonly string[] words = [];
    private readonly Regex? regex;

    private CompiledRule(EditorialRule rule)
    {
        Rule = rule;
        var pattern = rule.Pattern;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new RuleException("pattern", "pattern: is empty");
        }
        if (pattern.Length > MaxPatternLength)
        {
            throw new RuleException("pattern", $"pattern: is longer than {MaxPatternLength} characters");
        }
        if (rule.Action == RuleAction.Tag && string.IsNullOrWhiteSpace(rule.Label))
        {
            throw new RuleException("action", "action: tag needs a label, as in tag:kinh-te");
        }
        if (rule.SourceId is <= 0)
        {
            throw new RuleException("source", $"source: {rule.SourceId} is not a source id");
        }
        switch (rule.Kind)
        {
            case RuleMatchKind.Regex:
                try
                {
                    regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
                }
                catch (RegexParseException e)
                {
                    throw new RuleException("pattern", $"pattern: invalid regular expression at position {e.Offset}: {Describe(e.Error)}");
                }
                break;
            case RuleMatchKind.Category:
                words = [SearchText.Fold(pattern.Trim())];
                break;
            default:
                var parts = TextWords.Of(pattern);
                if (parts.Count == 0)
                {
                    throw new RuleException("pattern", $"pattern: '{pattern}' has no words to look for");
                }
                words = rule.Kind == RuleMatchKind.Exact
                    ? parts.Select(part => part.Exact).ToArray()
                    : parts.Select(part => part.Folded).ToArray();
                break;
        }
    }

    public EditorialRule Rule { get; }

    /// <summary>Validates the rule and prepares it; a <see cref="RuleException"/> names what is wrong.</summary>
    public static CompiledRule From(EditorialRule rule) => new(rule);

    /// <summary>Whether the rule applies to entries of this source at all.</summary>
    public bool AppliesTo(long sourceId) => Rule.SourceId is null || Rule.SourceId == sourceId;

    /// <summary>Whether the pattern matches; null when a regex ran out of time (which callers count as no match).</summary>
    internal bool? Matches(RuleSubject subject)
    {
        switch (Rule.Kind)
        {
            case RuleMatchKind.Words:
                return words.All(word => subject.FoldedWords.Contains(word));
            case RuleMatchKind.Exact:
                return words.All(word => subject.ExactWords.Contains(word));
            case RuleMatchKind.Phrase:
                return ContainsRun(subject.FoldedSequence, words);
            case RuleMatchKind.Category:
                return subject.Entry.Categories.Any(category => string.Equals(SearchText.Fold(category.Trim()), words[0], StringComparison.OrdinalIgnoreCase));
            case RuleMatchKind.Author:
                return subject.Entry.Authors.Any(author => ContainsRun(TextWords.Of(author).Select(word => word.Folded).ToArray(), words));
            default:
                try
                {
                    return regex!.IsMatch(subject.PlainText);
                }
                catch (RegexMatchTimeoutException)
                {
                    return null;
                }
        }
    }

    // InsufficientClosingParentheses → "insufficient closing parentheses".
    private static string Describe(RegexParseError error) =>
        System.Text.RegularExpressions.Regex.Replace(error.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();

    private static bool ContainsRun(string[] text, string[] run)
    {
        for (var start = 0; start + run.Length <= text.Length; start++)
        {
            var i = 0;
            while (i < run.Length && text[start + i] == run[i])
            {
                i++;
            }
            if (i == run.Length)
            {
                return true;
            }
        }
        return false;
    }
}
