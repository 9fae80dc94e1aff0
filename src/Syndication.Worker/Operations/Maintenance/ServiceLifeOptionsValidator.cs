using Microsoft.Extensions.Options;

namespace Syndication.Worker.Operations.Maintenance;

/// <summary>Rejects a shutdown timeout outside 1..600 seconds, naming the key.</summary>
internal sealed class ServiceLifeOptionsValidator : IValidateOptions<ServiceLifeOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceLifeOptions options) =>
        options.ShutdownTimeoutSeconds is < 1 or > 600
            ? ValidateOptionsResult.Fail($"{ServiceLifeOptions.SectionName}:{nameof(options.ShutdownTimeoutSeconds)}: {options.ShutdownTimeoutSeconds} is outside 1..600")
            : ValidateOptionsResult.Success;
}
