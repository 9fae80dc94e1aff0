using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Syndication.Core.Ingestion.Sources;

/// <summary>The key that makes an entry one row per source: its id, else its link, else a hash of title and date.</summary>
public static class EntryKeys
{
    public static string For(ParsedEntry entry)
    {
        if (!string.IsNullOrWhiteSpace(entry.Id))
        {
            return "id:" + entry.Id.Trim();
        }
        if (!string.IsNullOrWhiteSpace(entry.Link))
        {
            return "link:" + entry.Link.Trim();
        }
        var date = (entry.Published ?? entry.Updated)?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var text = $"{entry.Title}\u001F{date}\u001F{(entry.Title is null && date is null ? entry.Summary ?? entry.Content : null)}";
        return "hash:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
