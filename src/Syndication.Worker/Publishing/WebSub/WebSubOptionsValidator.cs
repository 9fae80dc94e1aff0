using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing.WebSub;

/// <summary>Rejects WebSub timings that cannot work, naming the key.</summary>
internal sealed class WebSubOptionsValidator : IValidateOptions<WebSubOptions>
{
    public ValidateOptionsResult Validate(string? name, WebSubOptions options)
    {
        var failures = new List<string>();
        void Check(int value, int min, int max, string key)
        {
            if (value < min || value > max)
            {
                failures.Add($"{SyndicationOptions.SectionName}:{key}: {value} is outside {min}..{max}");
            }
        }
        Check(options.WebSubCheckSeconds, 1, 86_400, nameof(options.WebSubCheckSeconds));
        Check(options.WebSubTimeoutSeconds, 1, 300, nameof(options.WebSubTimeoutSeconds));
        Check(options.WebSubRetrySeconds, 1, 86_400, nameof(options.WebSubRetrySeconds));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
