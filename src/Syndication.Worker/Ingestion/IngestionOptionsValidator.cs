using Microsoft.Extensions.Options;

namespace Syndication.Worker.Ingestion;

/// <summary>Rejects ingestion settings that cannot work, naming the key.</summary>
internal sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string key, string problem)
        {
            if (!ok)
            {
                failures.Add($"{IngestionOptions.SectionName}:{key}: {problem}");
            }
        }
        Check(TimeZoneInfo.TryFindSystemTimeZoneById(options.DefaultTimeZone, out _), nameof(options.DefaultTimeZone),
            $"'{options.DefaultTimeZone}' is not a known time zone (e.g. Asia/Ho_Chi_Minh)");
        Check(options.ConnectTimeoutSeconds is >= 1 and <= 300, nameof(options.ConnectTimeoutSeconds), $"{options.ConnectTimeoutSeconds} is outside 1..300");
        Check(options.RequestTimeoutSeconds is >= 1 and <= 3600, nameof(options.RequestTimeoutSeconds), $"{options.RequestTimeoutSeconds} is outside 1..3600");
        Check(options.MaxBodyBytes is >= 1024 and <= 1024L * 1024 * 1024, nameof(options.MaxBodyBytes), $"{options.MaxBodyBytes} is outside 1 KB..1 GB");
        Check(options.MaxRedirects is >= 0 and <= 20, nameof(options.MaxRedirects), $"{options.MaxRedirects} is outside 0..20");
        Check(options.MaxConcurrentPolls is >= 1 and <= 256, nameof(options.MaxConcurrentPolls), $"{options.MaxConcurrentPolls} is outside 1..256");
        Check(options.LeaseSeconds is >= 3 and <= 3600, nameof(options.LeaseSeconds), $"{options.LeaseSeconds} is outside 3..3600");
        Check(options.CheckSeconds is >= 1 and <= 3600, nameof(options.CheckSeconds), $"{options.CheckSeconds} is outside 1..3600");
        Check(options.MinIntervalMinutes >= 1, nameof(options.MinIntervalMinutes), "must be at least 1");
        Check(options.DefaultIntervalMinutes >= options.MinIntervalMinutes, nameof(options.DefaultIntervalMinutes), "must not be below MinIntervalMinutes");
        Check(options.MaxIntervalMinutes >= options.DefaultIntervalMinutes, nameof(options.MaxIntervalMinutes), "must not be below DefaultIntervalMinutes");
        Check(options.RetentionDays >= 0, nameof(options.RetentionDays), "must be 0 (keep everything) or more");
        Check(options.RelatedFeedSize is >= 1 and <= 1000, nameof(options.RelatedFeedSize), $"{options.RelatedFeedSize} is outside 1..1000");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
