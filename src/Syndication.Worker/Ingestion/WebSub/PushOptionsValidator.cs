using Microsoft.Extensions.Options;

namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>Rejects WebSub subscription settings that cannot work, naming the key.</summary>
internal sealed class PushOptionsValidator : IValidateOptions<PushOptions>
{
    public ValidateOptionsResult Validate(string? name, PushOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string key, string problem)
        {
            if (!ok)
            {
                failures.Add($"{PushOptions.SectionName}:{key}: {problem}");
            }
        }
        Check(string.IsNullOrWhiteSpace(options.CallbackBaseUrl)
                || Uri.TryCreate(options.CallbackBaseUrl, UriKind.Absolute, out var callback) && (callback.Scheme == Uri.UriSchemeHttp || callback.Scheme == Uri.UriSchemeHttps),
            nameof(options.CallbackBaseUrl), $"'{options.CallbackBaseUrl}' is not an absolute http(s) URL");
        Check(options.LeaseSeconds is >= 60 and <= 365 * 24 * 60 * 60, nameof(options.LeaseSeconds), $"{options.LeaseSeconds} is outside 60..31536000");
        Check(options.CheckSeconds is >= 1 and <= 3600, nameof(options.CheckSeconds), $"{options.CheckSeconds} is outside 1..3600");
        Check(options.SilenceHours is >= 1 and <= 24 * 365, nameof(options.SilenceHours), $"{options.SilenceHours} is outside 1..8760");
        Check(options.RetryMinutes is >= 1 and <= 7 * 24 * 60, nameof(options.RetryMinutes), $"{options.RetryMinutes} is outside 1..10080");
        Check(options.VerifyMinutes is >= 1 and <= 24 * 60, nameof(options.VerifyMinutes), $"{options.VerifyMinutes} is outside 1..1440");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
