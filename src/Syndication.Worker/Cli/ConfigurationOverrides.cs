namespace Syndication.Worker.Cli;

/// <summary>
/// Settings given on the command line as <c>--Section:Key value</c> or <c>--Section:Key=value</c> (a colon in the
/// name): taken out before a verb's own options are parsed, and given to the configuration of every verb's host.
/// </summary>
internal static class ConfigurationOverrides
{
    /// <summary>Splits <paramref name="args"/> into configuration settings (as the host reads them) and the rest.</summary>
    public static (IReadOnlyList<string> Settings, string[] Remaining) Split(IReadOnlyList<string> args)
    {
        var settings = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                rest.AddRange(args.Skip(i));
                break;
            }
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=', 2)[0] : "";
            if (!name.Contains(':', StringComparison.Ordinal))
            {
                rest.Add(arg);
                continue;
            }
            settings.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
            {
                settings.Add(args[++i]);
            }
        }
        return (settings, [.. rest]);
    }
}
