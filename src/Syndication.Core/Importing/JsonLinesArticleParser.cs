using System.Globalization;
using System.Text.Json;
using Syndication.Core.Articles;
using Syndication.Core.Text;

namespace Syndication.Core.Importing;

/// <summary>Reads JSON Lines seed files: one article object per line; a bad line is reported and skipped.</summary>
public sealed class JsonLinesArticleParser(TimeZoneInfo archiveZone, SectionCatalog sections, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public JsonLinesResult Parse(string text, string path)
    {
        var articles = new List<(int Line, ArticleContent Article)>();
        var errors = new List<SeedFormatException>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }
            try
            {
                articles.Add((i + 1, ParseLine(lines[i], path, i + 1)));
            }
            catch (SeedFormatException error)
            {
                errors.Add(error);
            }
        }
        return new JsonLinesResult(articles, errors);
    }

    /// <summary>One article object, as in a JSON Lines file or an API request body.</summary>
    /// <param name="json">The object's text.</param>
    /// <param name="path">Where it came from, for messages.</param>
    /// <param name="line">Its line there, for messages.</param>
    /// <param name="slug">The slug the caller already knows (an API URL's): the object may leave it out, and may not contradict it.</param>
    public ArticleContent ParseLine(string json, string path, int line, string? slug = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new SeedFormatException(path, line, $"not valid JSON at byte {error.BytePositionInLine + 1}: {JsonProblem(error)}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SeedFormatException(path, line, "expected a JSON object for the article");
            }
            var fields = new Fields(root, path, line);
            var given = slug is null ? fields.RequiredString("slug") : fields.OptionalString("slug") ?? slug;
            if (slug is not null && given != slug)
            {
                throw new SeedFormatException(path, line, $"field 'slug': '{given}' does not match the slug '{slug}' of the URL", "slug");
            }
            slug = given;
            if (Slugifier.Slugify(slug) != slug)
            {
                throw new SeedFormatException(path, line, $"field 'slug': '{slug}' must be lowercase ASCII words joined by hyphens (e.g. '{Slugifier.Slugify(slug)}')", "slug");
            }
            var sectionName = fields.OptionalString("section");
            return new ArticleContent
            {
                SourceKey = "jsonl:" + slug,
                Slug = slug,
                Title = fields.RequiredString("title"),
                Lead = fields.OptionalString("lead"),
                BodyHtml = ArticleHtml.Sanitize(XmlChars.Strip(fields.RequiredString("body", clean: false)).Normalize()),
                Authors = fields.StringList("authors"),
                Section = sectionName is null ? sections.Default : sections.Resolve(sectionName),
                Tags = fields.StringList("tags"),
                Images = fields.ObjectList("images", image => new ArticleImage(
                    image.OptionalUrl("url"), image.OptionalString("caption"), image.OptionalString("type"), image.OptionalLong("length"),
                    image.OptionalPixels("width"), image.OptionalPixels("height"), image.OptionalString("credit"))),
                Related = fields.ObjectList("related", related => new RelatedLink(
                    related.RequiredString("title"), related.OptionalString("summary"), related.OptionalUrl("url"))),
                Published = ParseDate(fields.RequiredString("published"), "published", path, line),
                Updated = fields.OptionalString("updated") is { } updated ? ParseDate(updated, "updated", path, line) : null,
                Correction = ReadCorrection(root, fields, path, line),
            };
        }
    }

    /// <summary>
    /// <c>"correction"</c>: a string (the note; the store stamps the time of the change) or an object
    /// <c>{"text": "…", "time": "ISO 8601"}</c> (the shape the API returns, so an article read back can be sent again).
    /// </summary>
    private ArticleCorrection? ReadCorrection(JsonElement root, Fields fields, string path, int line)
    {
        if (!root.TryGetProperty("correction", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        string text;
        DateTimeOffset? time = null;
        string textField;
        if (value.ValueKind == JsonValueKind.String)
        {
            text = fields.OptionalString("correction") ?? "";
            textField = "correction";
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            var note = new Fields(value, path, line).Nested("correction");
            text = note.OptionalString("text") ?? "";
            textField = "correction.text";
            if (note.OptionalString("time") is { } given)
            {
                time = ParseDate(given, "correction.time", path, line);
            }
            foreach (var property in value.EnumerateObject())
            {
                if (property.Name is not ("text" or "time"))
                {
                    throw new SeedFormatException(path, line, $"field 'correction.{property.Name}' is not known: a correction has 'text' and 'time'", "correction." + property.Name);
                }
            }
        }
        else
        {
            throw new SeedFormatException(path, line,
                $"field 'correction' must be a string or an object {{\"text\": …, \"time\": …}}, not {value.ValueKind.ToString().ToLowerInvariant()}", "correction");
        }
        if (text.Length == 0)
        {
            throw new SeedFormatException(path, line, $"field '{textField}' must be a non-empty string (leave the correction out, or null, for none)", textField);
        }
        if (text.Length > ArticleCorrection.MaxLength)
        {
            throw new SeedFormatException(path, line, $"field '{textField}' is longer than {ArticleCorrection.MaxLength} characters ({text.Length})", textField);
        }
        return new ArticleCorrection(text, time);
    }

    /// <summary>The parser's message without its own "LineNumber: 0 | BytePositionInLine: …" (it counts within the line we gave it).</summary>
    private static string JsonProblem(JsonException error)
    {
        var message = error.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position > 0 ? message[..position] : message;
    }

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz", "yyyy-MM-dd'T'HH:mmzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    /// <summary>ISO 8601 only: a date like 07/08/2021 means different days to different readers, so it is refused.</summary>
    private DateTimeOffset ParseDate(string value, string field, string path, int line)
    {
        if (!DateTime.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw new SeedFormatException(path, line, $"field '{field}': '{value}' is not an ISO 8601 date such as 2021-07-29T17:03:00+07:00", field);
        }
        var date = parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(parsed, archiveZone), TimeSpan.Zero)
            : new DateTimeOffset(parsed.ToUniversalTime(), TimeSpan.Zero);
        var now = _clock.GetUtcNow();
        return AcceptedDates.IsArticleDate(date, now)
            ? date
            : throw new SeedFormatException(path, line, $"field '{field}': '{value}' is outside the dates an article may carry ({AcceptedDates.ArticleRange(now)})", field);
    }

    /// <summary>Typed reads of an object's fields whose errors name the field, the file and the line.</summary>
    private readonly struct Fields(JsonElement element, string path, int line)
    {
        public string RequiredString(string name, bool clean = true) =>
            OptionalString(name, clean) is { Length: > 0 } value
                ? value
                : throw Error(name, "is required and must be a non-empty string");

        public string? OptionalString(string name, bool clean = true)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                throw Error(name, $"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}");
            }
            var text = Text(value, name);
            return clean ? TextCleaner.Clean(text) : text;
        }

        public string? OptionalUrl(string name)
        {
            var url = OptionalString(name);
            if (url is null)
            {
                return null;
            }
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri.AbsoluteUri
                : throw Error(name, $"'{url}' is not an absolute http(s) URL");
        }

        public long? OptionalLong(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
                ? number
                : throw Error(name, "must be a non-negative whole number");
        }

        /// <summary>An image's width or height: a whole number of pixels from 1 to 100,000.</summary>
        public int? OptionalPixels(string name) => OptionalLong(name) switch
        {
            null => null,
            >= 1 and <= 100_000 and var pixels => (int)pixels,
            _ => throw Error(name, "must be a whole number of pixels from 1 to 100000"),
        };

        public List<string> StringList(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return [];
            }
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
            {
                throw Error(name, "must be an array of strings");
            }
            var fields = this;
            return [.. value.EnumerateArray().Select((item, index) => TextCleaner.Clean(fields.Text(item, $"{name}[{index}]"))).Where(item => item.Length > 0).Distinct()];
        }

        public List<T> ObjectList<T>(string name, Func<Fields, T> read)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return [];
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Error(name, "must be an array of objects");
            }
            var items = new List<T>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Error($"{name}[{index}]", "must be an object");
                }
                items.Add(read(new Fields(item, path, line).Nested($"{name}[{index}]")));
                index++;
            }
            return items;
        }

        /// <summary>A string value; JSON may escape a lone UTF-16 surrogate ("\ud800"), which is no character and cannot be stored.</summary>
        private string Text(JsonElement value, string name)
        {
            try
            {
                return value.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Error(name, "holds an invalid character: a lone UTF-16 surrogate (\\uD800–\\uDFFF without its pair)");
            }
        }

        private string Prefix { get; init; } = "";

        public Fields Nested(string prefix) => this with { Prefix = prefix + "." };

        private SeedFormatException Error(string name, string problem) =>
            new(path, line, $"field '{Prefix}{name}' {problem}", Prefix + name);
    }
}

/// <summary>The articles read from a JSON Lines file, with their line numbers, and the lines that could not be read.</summary>
public sealed record JsonLinesResult(IReadOnlyList<(int Line, ArticleContent Article)> Articles, IReadOnlyList<SeedFormatException> Errors);
