using System.Text.Json;
using System.Text.RegularExpressions;

namespace Syndication.Core.Tests.Publishing.Rendering;

/// <summary>Checks a document against JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the required fields, the types
/// of the optional ones we might write, and that every other key is an extension ("_" then a letter).</summary>
internal static partial class JsonFeedAssert
{
    public const string Version11 = "https://jsonfeed.org/version/1.1";

    private static readonly HashSet<string> FeedKeys =
        ["version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon",
         "authors", "author", "language", "expired", "hubs", "items"];

    private static readonly HashSet<string> ItemKeys =
        ["id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
         "date_published", "date_modified", "authors", "author", "tags", "language", "attachments"];

    /// <summary>Asserts the bytes are a valid JSON Feed 1.1 and returns its root for further checks.</summary>
    public static JsonElement Valid(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement.Clone();
        var problems = Problems(root);
        Assert.True(problems.Count == 0, "not a valid JSON Feed 1.1:\n" + string.Join('\n', problems));
        return root;
    }

    public static IReadOnlyList<string> Problems(JsonElement feed)
    {
        var problems = new List<string>();
        if (feed.ValueKind != JsonValueKind.Object)
        {
            return ["the feed is not an object"];
        }
        if (!feed.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != Version11)
        {
            problems.Add($"version must be \"{Version11}\"");
        }
        RequireText(feed, "title", "feed", problems);
        CheckKeys(feed, FeedKeys, "feed", problems);
        foreach (var key in (string[])["home_page_url", "feed_url", "next_url", "icon", "favicon"])
        {
            OptionalUrl(feed, key, "feed", problems);
        }
        OptionalString(feed, "description", "feed", problems);
        OptionalString(feed, "language", "feed", problems);
        if (feed.TryGetProperty("expired", out var expired) && expired.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add("feed.expired must be a boolean");
        }
        CheckAuthors(feed, "feed", problems);
        foreach (var (hub, index) in OptionalArray(feed, "hubs", "feed", problems))
        {
            RequireText(hub, "type", $"feed.hubs[{index}]", problems);
            RequireUrl(hub, "url", $"feed.hubs[{index}]", problems);
        }
        if (!feed.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            problems.Add("feed.items must be an array");
            return problems;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var item in items.EnumerateArray())
        {
            CheckItem(item, $"items[{position++}]", ids, problems);
        }
        return problems;
    }

    private static void CheckItem(JsonElement item, string where, HashSet<string> ids, List<string> problems)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where} is not an object");
            return;
        }
        if (RequireText(item, "id", where, problems) is { } id && !ids.Add(id))
        {
            problems.Add($"{where}.id {id} repeats an earlier item's");
        }
        var html = OptionalString(item, "content_html", where, problems);
        var text = OptionalString(item, "content_text", where, problems);
        if (html is null && text is null)
        {
            problems.Add($"{where} needs content_html or content_text");
        }
        CheckKeys(item, ItemKeys, where, problems);
        foreach (var key in (string[])["url", "external_url", "image", "banner_image"])
        {
            OptionalUrl(item, key, where, problems);
        }
        foreach (var key in (string[])["title", "summary", "language"])
        {
            OptionalString(item, key, where, problems);
        }
        foreach (var key in (string[])["date_published", "date_modified"])
        {
            if (OptionalString(item, key, where, problems) is { } date && !Rfc3339().IsMatch(date))
            {
                problems.Add($"{where}.{key} \"{date}\" is not RFC 3339");
            }
        }
        CheckAuthors(item, where, problems);
        foreach (var (tag, index) in OptionalArray(item, "tags", where, problems))
        {
            if (tag.ValueKind != JsonValueKind.String)
            {
                problems.Add($"{where}.tags[{index}] must be a string");
            }
        }
        foreach (var (attachment, index) in OptionalArray(item, "attachments", where, problems))
        {
            var at = $"{where}.attachments[{index}]";
            RequireUrl(attachment, "url", at, problems);
            RequireText(attachment, "mime_type", at, problems);
            OptionalString(attachment, "title", at, problems);
            foreach (var key in (string[])["size_in_bytes", "duration_in_seconds"])
            {
                if (attachment.TryGetProperty(key, out var number) && number.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"{at}.{key} must be a number");
                }
            }
        }
    }

    private static void CheckAuthors(JsonElement owner, string where, List<string> problems)
    {
        foreach (var (author, index) in OptionalArray(owner, "authors", where, problems))
        {
            // An author object must say something: a name, a URL or an avatar.
            var name = OptionalString(author, "name", $"{where}.authors[{index}]", problems);
            var url = OptionalUrl(author, "url", $"{where}.authors[{index}]", problems);
            var avatar = OptionalUrl(author, "avatar", $"{where}.authors[{index}]", problems);
            if (name is null && url is null && avatar is null)
            {
                problems.Add($"{where}.authors[{index}] has no name, url or avatar");
            }
        }
    }

    private static void CheckKeys(JsonElement owner, HashSet<string> known, string where, List<string> problems)
    {
        foreach (var property in owner.EnumerateObject())
        {
            if (!known.Contains(property.Name) && !ExtensionKey().IsMatch(property.Name))
            {
                problems.Add($"{where}.{property.Name} is neither a JSON Feed field nor an extension (\"_\" and a letter)");
            }
        }
    }

    private static string? RequireText(JsonElement owner, string key, string where, List<string> problems)
    {
        if (owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }
        problems.Add($"{where}.{key} is required and must be a non-empty string");
        return null;
    }

    private static void RequireUrl(JsonElement owner, string key, string where, List<string> problems)
    {
        if (RequireText(owner, key, where, problems) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            problems.Add($"{where}.{key} \"{text}\" is not an absolute URL");
        }
    }

    private static string? OptionalString(JsonElement owner, string key, string where, List<string> problems)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(key, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{where}.{key} must be a string");
            return null;
        }
        return value.GetString();
    }

    private static string? OptionalUrl(JsonElement owner, string key, string where, List<string> problems)
    {
        var text = OptionalString(owner, key, where, problems);
        if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems.Add($"{where}.{key} \"{text}\" is not an absolute http(s) URL");
        }
        return text;
    }

    private static List<(JsonElement Element, int Index)> OptionalArray(JsonElement owner, string key, string where, List<string> problems)
    {
        if (!owner.TryGetProperty(key, out var array))
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{where}.{key} must be an array");
            return [];
        }
        return [.. array.EnumerateArray().Select((element, index) => (element, index))];
    }

    [GeneratedRegex(@"^_[A-Za-z]")]
    private static partial Regex ExtensionKey();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
