using Microsoft.Extensions.Options;

namespace Syndication.Worker.Operations.Maintenance;

/// <summary>Rejects a maintenance interval that cannot work, naming the key.</summary>
internal sealed class MaintenanceOptionsValidator : IValidateOptions<MaintenanceOptions>
{
    public ValidateOptionsResult Validate(string? name, MaintenanceOptions options) =>
        options.IntervalHours is < 0 or > 8760
            ? ValidateOptionsResult.Fail($"{MaintenanceOptions.SectionName}:{nameof(options.IntervalHours)}: {options.IntervalHours} is outside 0..8760 (0 turns maintenance off)")
            : ValidateOptionsResult.Success;
}
