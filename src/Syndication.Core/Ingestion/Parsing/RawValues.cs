namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Collects repeated values (authors, categories) as written, skipping blank ones.</summary>
internal static class RawValues
{
    public static void AddIfPresent(List<string> values, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values.Add(value.Trim());
        }
    }
}
