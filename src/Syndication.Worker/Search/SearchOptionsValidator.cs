using System.Globalization;
using Microsoft.Extensions.Options;

namespace Syndication.Worker.Search;

/// <summary>Rejects search and relating settings that cannot work, naming the key.</summary>
internal sealed class SearchOptionsValidator : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string key, string problem)
        {
            if (!ok)
            {
                failures.Add($"{SearchOptions.SectionName}:{key}: {problem}");
            }
        }
        string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
        Check(options.ResultSize is >= 1 and <= Storage.Search.SearchStore.MaxLimit, nameof(options.ResultSize),
            $"{options.ResultSize} is outside 1..{Storage.Search.SearchStore.MaxLimit}");
        Check(options.RelatedThreshold >= 0, nameof(options.RelatedThreshold), $"{Text(options.RelatedThreshold)} must not be negative");
        Check(options.RelatedPerArticle is >= 1 and <= 100, nameof(options.RelatedPerArticle), $"{options.RelatedPerArticle} is outside 1..100");
        Check(options.RelatedHalfLifeDays > 0, nameof(options.RelatedHalfLifeDays), $"{Text(options.RelatedHalfLifeDays)} must be above 0");
        Check(options.RelatedWindowDays is >= 1 and <= 3650, nameof(options.RelatedWindowDays), $"{options.RelatedWindowDays} is outside 1..3650");
        Check(options.RelatedMinMatchedTerms is >= 1 and <= 12, nameof(options.RelatedMinMatchedTerms), $"{options.RelatedMinMatchedTerms} is outside 1..12");
        Check(options.RelateIntervalSeconds is >= 1 and <= 86400, nameof(options.RelateIntervalSeconds), $"{options.RelateIntervalSeconds} is outside 1..86400");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
