using System.Globalization;

namespace Syndication.Worker.Tests.Operations;

/// <summary>Reads sample values out of a Prometheus text exposition.</summary>
public static class PrometheusText
{
    /// <summary>The value of the sample named <paramref name="name"/> whose labels include every one given; null when absent.</summary>
    public static double? Value(string exposition, string name, params string[] labels)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
            {
                continue;
            }
            var labelEnd = rest[0] == '{' ? rest.IndexOf('}', StringComparison.Ordinal) : -1;
            var labelText = labelEnd < 0 ? "" : rest[..labelEnd];
            if (labels.All(label => labelText.Contains(label, StringComparison.Ordinal)))
            {
                var value = rest[(labelEnd + 1)..].Trim().Split(' ')[0];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }
}
