using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Syndication.Core.Articles;
using Syndication.Core.Text;

namespace Syndication.Core.Importing;

/// <summary>Reads the newspaper's plain-text article export (navigation, title, "HH:mm, dd/MM/yyyy", paragraphs, byline, teasers).</summary>
public sealed partial class PlainTextArticleParser(TimeZoneInfo archiveZone, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private const int MaxPlaceholderLength = 12;
    private const int MaxBylineLength = 60;
    private const int MaxBylineWords = 8;

    public ArticleContent Parse(string text, string path, string sourceKey, Section section)
    {
        var lines = SplitLines(text);
        // A final newline ends the last line; it does not start another.
        var lastLine = Math.Max(1, lines.Length > 1 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length);
        var timeIndex = Array.FindIndex(lines, line => TimeLine().IsMatch(line));
        if (timeIndex < 0)
        {
            throw new SeedFormatException(path, lastLine, "no time line in the form 'HH:mm, dd/MM/yyyy' was found");
        }
        var titleIndex = timeIndex == 0 ? -1 : Array.FindLastIndex(lines, timeIndex - 1, timeIndex, line => !TextCleaner.IsBlank(line));
        if (titleIndex < 0)
        {
            throw new SeedFormatException(path, timeIndex + 1, "there is no title line before the time line");
        }
        var title = TextCleaner.Clean(lines[titleIndex]);
        var published = ParseTime(lines[timeIndex], path, timeIndex + 1);

        var (bodyLines, teaserStart) = ReadBody(lines, timeIndex + 1);
        var blocks = ToBlocks(bodyLines);
        if (blocks.Count == 0 || blocks[0].IsFigure)
        {
            throw new SeedFormatException(path, Math.Min(timeIndex + 2, lastLine), "the article has no lead paragraph after the time line");
        }
        var lead = blocks[0].Text;
        blocks.RemoveAt(0);
        var authors = TakeByline(blocks);

        var slug = Slugifier.Slugify(title);
        return new ArticleContent
        {
            SourceKey = sourceKey,
            Slug = slug.Length > 0 ? slug : Slugifier.Slugify(sourceKey),
            Title = title,
            Lead = lead,
            BodyHtml = RenderBody(blocks),
            Authors = authors,
            Section = section,
            Images = [.. blocks.Where(b => b.IsFigure).Select(b => new ArticleImage(null, b.Text))],
            Related = ReadTeasers(lines, teaserStart),
            Published = published,
        };
    }

    private static string[] SplitLines(string text) =>
        text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');

    private DateTimeOffset ParseTime(string line, string path, int lineNumber)
    {
        var match = TimeLine().Match(line);
        int Part(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        DateTimeOffset date;
        try
        {
            var local = new DateTime(Part("year"), Part("month"), Part("day"), Part("hour"), Part("minute"), 0, DateTimeKind.Unspecified);
            date = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, archiveZone), TimeSpan.Zero);
        }
        catch (ArgumentException)
        {
            throw new SeedFormatException(path, lineNumber, $"'{line.Trim()}' is not a real date and time");
        }
        var now = _clock.GetUtcNow();
        return AcceptedDates.IsArticleDate(date, now)
            ? date
            : throw new SeedFormatException(path, lineNumber, $"'{line.Trim()}' is outside the dates an article may carry ({AcceptedDates.ArticleRange(now)})");
    }

    /// <summary>The body runs until a gap of two blank lines; single blank lines separate paragraphs.</summary>
    private static (List<(int Index, string Text)> Body, int TeaserStart) ReadBody(string[] lines, int start)
    {
        var body = new List<(int, string)>();
        var blankRun = 0;
        for (var i = start; i < lines.Length; i++)
        {
            if (TextCleaner.IsBlank(lines[i]))
            {
                blankRun++;
                if (blankRun >= 2 && body.Count > 0)
                {
                    return (body, i + 1);
                }
                continue;
            }
            blankRun = 0;
            body.Add((i, lines[i]));
        }
        return (body, lines.Length);
    }

    private static List<Block> ToBlocks(List<(int Index, string Text)> body)
    {
        var blocks = new List<Block>();
        for (var i = 0; i < body.Count; i++)
        {
            var text = TextCleaner.Clean(body[i].Text);
            var captionFollows = i + 1 < body.Count && body[i + 1].Index == body[i].Index + 1;
            if (captionFollows && IsImagePlaceholder(text))
            {
                blocks.Add(new Block(TextCleaner.Clean(body[++i].Text), IsFigure: true));
            }
            else
            {
                blocks.Add(new Block(text, IsFigure: false));
            }
        }
        return blocks;
    }

    /// <summary>The export leaves a short stub ("th") where an image stood; its caption is on the next line.</summary>
    private static bool IsImagePlaceholder(string text) =>
        text.Length > 0 && (text.Length <= MaxPlaceholderLength && !text.Contains(' ', StringComparison.Ordinal) && !char.IsPunctuation(text[^1]))
        || ImageMarker().IsMatch(text);

    private static List<string> TakeByline(List<Block> blocks)
    {
        if (blocks.Count == 0 || blocks[^1].IsFigure || !IsByline(blocks[^1].Text))
        {
            return [];
        }
        var byline = blocks[^1].Text;
        blocks.RemoveAt(blocks.Count - 1);
        return [.. BylineSeparator().Split(byline).Select(TextCleaner.Clean).Where(name => name.Length > 0)];
    }

    private static bool IsByline(string text) =>
        text.Length > 0
        && text.Length <= MaxBylineLength
        && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxBylineWords
        && !".!?:;…\"”".Contains(text[^1], StringComparison.Ordinal)
        && !text.Any(char.IsDigit);

    private static string RenderBody(List<Block> blocks)
    {
        var html = new StringBuilder();
        foreach (var block in blocks)
        {
            if (html.Length > 0)
            {
                html.Append('\n');
            }
            html.Append(block.IsFigure
                ? $"<figure><figcaption>{Html.Escape(block.Text)}</figcaption></figure>"
                : $"<p>{Html.Escape(block.Text)}</p>");
        }
        return html.ToString();
    }

    /// <summary>After the gap: a title line then its summary, repeated, blocks separated by blank lines.</summary>
    private static List<RelatedLink> ReadTeasers(string[] lines, int start)
    {
        var teasers = new List<RelatedLink>();
        var block = new List<string>();
        void Flush()
        {
            for (var i = 0; i < block.Count; i += 2)
            {
                teasers.Add(new RelatedLink(block[i], i + 1 < block.Count ? block[i + 1] : null));
            }
            block.Clear();
        }
        for (var i = start; i < lines.Length; i++)
        {
            if (TextCleaner.IsBlank(lines[i]))
            {
                Flush();
            }
            else
            {
                block.Add(TextCleaner.Clean(lines[i]));
            }
        }
        Flush();
        return teasers;
    }

    private sealed record Block(string Text, bool IsFigure);

    [GeneratedRegex(@"^\s*(?<hour>\d{1,2}):(?<minute>\d{2}),\s*(?<day>\d{1,2})/(?<month>\d{1,2})/(?<year>\d{4})\s*$")]
    private static partial Regex TimeLine();

    [GeneratedRegex(@"^\[(ảnh|anh|hình|hinh|image|img|photo)\b[^\]]*\]$", RegexOptions.IgnoreCase)]
    private static partial Regex ImageMarker();

    [GeneratedRegex(@"\s+[-–—]\s+|\s*,\s*|\s+và\s+")]
    private static partial Regex BylineSeparator();
}
