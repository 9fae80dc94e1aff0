using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing.Export;

/// <summary>Rejects a scheduled export that cannot work, naming the key.</summary>
internal sealed class ExportOptionsValidator(IOptions<SyndicationOptions> syndication) : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        var failures = new List<string>();
        if (options.IntervalSeconds is < 1 or > 604_800)
        {
            failures.Add($"{ExportOptions.SectionName}:{nameof(options.IntervalSeconds)}: {options.IntervalSeconds} is outside 1..604800");
        }
        // Exported files are served by someone else, so their links cannot fall back to the address we listen on.
        if (!string.IsNullOrWhiteSpace(options.Directory) && string.IsNullOrWhiteSpace(syndication.Value.PublicBaseUrl))
        {
            failures.Add($"{SyndicationOptions.SectionName}:{nameof(SyndicationOptions.PublicBaseUrl)}: is required when "
                + $"{ExportOptions.SectionName}:{nameof(options.Directory)} is set, so the exported feeds' links are absolute and right");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
