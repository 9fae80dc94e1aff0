using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Syndication.Core.Ingestion;

/// <summary>Writes a parsed feed as the JSON that `syndication parse` prints (DESIGN.md): fixed keys, null for absent, UTC dates.</summary>
public static class ParsedFeedJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        // Vietnamese text stays readable; the output is a document on its own, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(ParsedFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("format", feed.Format);
            json.WriteString("title", feed.Title);
            json.WriteString("link", feed.Link);
            json.WriteString("description", feed.Description);
            json.WriteString("language", feed.Language);
            WriteDate(json, "updated", feed.Updated);
            json.WriteStartArray("entries");
            foreach (var entry in feed.Entries)
            {
                WriteEntry(json, entry);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteEntry(Utf8JsonWriter json, ParsedEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("id", entry.Id);
        json.WriteString("link", entry.Link);
        json.WriteString("title", entry.Title);
        WriteDate(json, "published", entry.Published);
        WriteDate(json, "updated", entry.Updated);
        WriteStrings(json, "authors", entry.Authors);
        json.WriteString("summary", entry.Summary);
        json.WriteString("content", entry.Content);
        WriteStrings(json, "categories", entry.Categories);
        json.WriteStartArray("enclosures");
        foreach (var enclosure in entry.Enclosures)
        {
            json.WriteStartObject();
            json.WriteString("url", enclosure.Url);
            json.WriteString("type", enclosure.Type);
            if (enclosure.Length is { } length)
            {
                json.WriteNumber("length", length);
            }
            else
            {
                json.WriteNull("length");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            json.WriteString(name, date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
