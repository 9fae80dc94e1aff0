using Microsoft.Extensions.Options;

namespace Syndication.Worker.Partners;

/// <summary>Checks <see cref="PartnerOptions"/> at start, naming the key that is wrong.</summary>
public sealed class PartnerOptionsValidator : IValidateOptions<PartnerOptions>
{
    public ValidateOptionsResult Validate(string? name, PartnerOptions options)
    {
        var failures = new List<string>();
        if (options.RequestsPerMinute is < 1 or > 1_000_000)
        {
            failures.Add($"{PartnerOptions.SectionName}:RequestsPerMinute must be between 1 and 1000000 (is {options.RequestsPerMinute})");
        }
        if (options.UsageFlushSeconds is < 1 or > 3600)
        {
            failures.Add($"{PartnerOptions.SectionName}:UsageFlushSeconds must be between 1 and 3600 (is {options.UsageFlushSeconds})");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
