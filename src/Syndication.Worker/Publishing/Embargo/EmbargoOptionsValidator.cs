using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing.Embargo;

/// <summary>Checks <see cref="EmbargoOptions"/> at start, naming the key that is wrong.</summary>
public sealed class EmbargoOptionsValidator : IValidateOptions<EmbargoOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbargoOptions options) =>
        options.ReleaseCheckSeconds is < 1 or > 3600
            ? ValidateOptionsResult.Fail($"{SyndicationOptions.SectionName}:ReleaseCheckSeconds must be between 1 and 3600 (is {options.ReleaseCheckSeconds})")
            : ValidateOptionsResult.Success;
}
