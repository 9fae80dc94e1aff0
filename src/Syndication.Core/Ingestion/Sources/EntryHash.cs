using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Syndication.Core.Ingestion.Sources;

/// <summary>The change hash of an ingested entry: every field a feed can change, so an unchanged entry is not written again.</summary>
public static class EntryHash
{
    // The form stored hashes were made with (fixed-width UTC); changing it would mark every stored entry as changed.
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Of(ParsedEntry entry)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            entry.Id, entry.Link, entry.Title, entry.Summary, entry.Content,
            Date(entry.Published), Date(entry.Updated),
            string.Join('\u001E', entry.Authors), string.Join('\u001E', entry.Categories),
            string.Join('\u001E', entry.Enclosures.Select(e => $"{e.Url} {e.Type} {e.Length}")),
        })
        {
            text.Append(field).Append('\u001F');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string? Date(DateTimeOffset? time) => time?.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
}
