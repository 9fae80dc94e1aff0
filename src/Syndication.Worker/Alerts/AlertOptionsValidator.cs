using Microsoft.Extensions.Options;

namespace Syndication.Worker.Alerts;

/// <summary>Rejects alert settings that cannot work, naming the key.</summary>
internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var failures = new List<string>();
        void Check(int value, int min, int max, string key)
        {
            if (value < min || value > max)
            {
                failures.Add($"{AlertOptions.SectionName}:{key}: {value} is outside {min}..{max}");
            }
        }
        Check(options.CheckSeconds, 1, 3600, nameof(options.CheckSeconds));
        Check(options.TimeoutSeconds, 1, 300, nameof(options.TimeoutSeconds));
        Check(options.RetryBaseSeconds, 1, 86_400, nameof(options.RetryBaseSeconds));
        Check(options.MaxAttempts, 1, 20, nameof(options.MaxAttempts));
        Check(options.KeepDays, 1, 3650, nameof(options.KeepDays));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
