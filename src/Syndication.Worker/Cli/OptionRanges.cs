using System.CommandLine;
using System.Globalization;

namespace Syndication.Worker.Cli;

/// <summary>Range checks on numeric options, reported with the other usage errors (exit code 5), before anything runs.</summary>
internal static class OptionRanges
{
    /// <summary>The option's value (when given) must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<T> Between<T>(this Option<T> option, long min, long max)
    {
        option.Validators.Add(result =>
        {
            // The value as typed: one that is not a number at all is reported by the parser itself.
            if (result.Tokens is [var token]
                && long.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && (number < min || number > max))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {min} and {max} (is {number})"));
            }
        });
        return option;
    }
}
