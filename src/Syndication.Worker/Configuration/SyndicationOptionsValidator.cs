using Microsoft.Extensions.Options;

namespace Syndication.Worker.Configuration;

/// <summary>Rejects configuration that cannot work, naming the key, so a bad value stops the start instead of a request.</summary>
internal sealed class SyndicationOptionsValidator : IValidateOptions<SyndicationOptions>
{
    public ValidateOptionsResult Validate(string? name, SyndicationOptions options)
    {
        var failures = new List<string>();
        void Fail(string key, string problem) => failures.Add($"{SyndicationOptions.SectionName}:{key}: {problem}");

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme is "http" or "https"))
        {
            Fail(nameof(options.PublicBaseUrl), $"'{options.PublicBaseUrl}' is not an absolute http(s) URL");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            Fail(nameof(options.TimeZone), $"'{options.TimeZone}' is not a known time zone (e.g. Asia/Ho_Chi_Minh)");
        }
        if (string.IsNullOrWhiteSpace(options.Database))
        {
            Fail(nameof(options.Database), "a path to the SQLite file is required");
        }
        if (!string.IsNullOrWhiteSpace(options.Postgres) && options.Postgres is { } postgres)
        {
            try
            {
                var builder = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    Fail(nameof(options.Postgres), "the connection string names no Host (e.g. Host=db.internal;Database=syndication;Username=syndication)");
                }
            }
            catch (ArgumentException error)
            {
                // The message names the bad keyword; the string itself may hold a password and is not repeated.
                Fail(nameof(options.Postgres), $"not a PostgreSQL connection string: {error.Message}");
            }
        }
        if (string.IsNullOrWhiteSpace(options.NodeName) || options.NodeName.Length > 200 || options.NodeName.Any(char.IsControl))
        {
            Fail(nameof(options.NodeName), "a name of 1 to 200 characters without control characters is required (default: the machine's name and the process id)");
        }
        if (string.IsNullOrWhiteSpace(options.SiteName))
        {
            Fail(nameof(options.SiteName), "is required");
        }
        if (string.IsNullOrWhiteSpace(options.Language))
        {
            Fail(nameof(options.Language), "is required (e.g. vi)");
        }
        if (string.IsNullOrWhiteSpace(options.DefaultSection))
        {
            Fail(nameof(options.DefaultSection), "is required (a section slug such as thoi-su)");
        }
        if (options.FeedSize is < 1 or > 1000)
        {
            Fail(nameof(options.FeedSize), $"{options.FeedSize} is outside 1..1000");
        }
        if (options.LogFormat is not ("text" or "json"))
        {
            Fail(nameof(options.LogFormat), $"'{options.LogFormat}' is neither 'text' nor 'json'");
        }
        if (options.PageSize is < 1 or > 1000)
        {
            Fail(nameof(options.PageSize), $"{options.PageSize} is outside 1..1000");
        }
        if (!string.IsNullOrWhiteSpace(options.WebSubHub)
            && !(Uri.TryCreate(options.WebSubHub, UriKind.Absolute, out var hub) && hub.Scheme is "http" or "https"))
        {
            Fail(nameof(options.WebSubHub), $"'{options.WebSubHub}' is not an absolute http(s) URL");
        }
        if (options.FeedMaxAgeSeconds is < 0 or > 86400)
        {
            Fail(nameof(options.FeedMaxAgeSeconds), $"{options.FeedMaxAgeSeconds} is outside 0..86400");
        }
        if (options.BusyTimeoutMs is < 0 or > 600_000)
        {
            Fail(nameof(options.BusyTimeoutMs), $"{options.BusyTimeoutMs} is outside 0..600000");
        }
        if (options.ReadyLockHeldSeconds is < 0 or > 3600)
        {
            Fail(nameof(options.ReadyLockHeldSeconds), $"{options.ReadyLockHeldSeconds} is outside 0..3600");
        }
        if (options.MaxDatabaseMegabytes is < 0 or > 16_777_216)
        {
            Fail(nameof(options.MaxDatabaseMegabytes), $"{options.MaxDatabaseMegabytes} is outside 0..16777216 (0: no limit)");
        }
        if (options.RevisionCheckIntervalMs is < 0 or > 600_000)
        {
            Fail(nameof(options.RevisionCheckIntervalMs), $"{options.RevisionCheckIntervalMs} is outside 0..600000");
        }
        if (options.FeedCacheMegabytes is < 1 or > 65_536)
        {
            Fail(nameof(options.FeedCacheMegabytes), $"{options.FeedCacheMegabytes} is outside 1..65536");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
