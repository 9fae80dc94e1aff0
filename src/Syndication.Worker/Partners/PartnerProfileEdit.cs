using Syndication.Core.Publishing;
using Syndication.Core.Text;

namespace Syndication.Worker.Partners;

/// <summary>
/// A change to a partner's profile as the CLI, the API and the console give it: each part null when left as it is.
/// One place checks it, so all three refuse the same things with the same words.
/// </summary>
public sealed record PartnerProfileEdit(
    string? Content = null, bool? Images = null, bool? Media = null, IReadOnlyList<string>? Sections = null, bool AllSections = false, string? Attribution = null)
{
    /// <summary>The profile after the change, or an error naming the bad part ("content", "sections", "attribution").</summary>
    public (PartnerProfile? Profile, string? Field, string? Error) ApplyTo(PartnerProfile current)
    {
        var fullText = current.FullText;
        if (Content is { } content)
        {
            if (content is not ("full" or "lead"))
            {
                return (null, "content", $"'{content}' is not a content level: use 'full' (the whole article) or 'lead'");
            }
            fullText = content == "full";
        }
        if (AllSections && Sections is { Count: > 0 })
        {
            return (null, "sections", "give some sections or all sections, not both");
        }
        var sections = current.Sections;
        if (AllSections)
        {
            sections = null;
        }
        else if (Sections is { } chosen)
        {
            if (chosen.Count == 0)
            {
                return (null, "sections", "name at least one section, or all sections (null in JSON, --all-sections)");
            }
            if (chosen.FirstOrDefault(slug => slug.Length == 0 || Slugifier.Slugify(slug) != slug) is { } bad)
            {
                return (null, "sections", $"'{bad}' is not a section slug (lowercase ASCII words joined by hyphens, as in kinh-te)");
            }
            sections = [.. chosen.Distinct(StringComparer.Ordinal)];
        }
        var attribution = current.Attribution;
        if (Attribution is { } line)
        {
            var text = TextCleaner.Clean(line).Trim();
            if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
            {
                return (null, "attribution", "must be one line");
            }
            if (text.Length > PartnerProfile.MaxAttribution)
            {
                return (null, "attribution", $"is {text.Length} characters long; at most {PartnerProfile.MaxAttribution}");
            }
            attribution = text.Length == 0 ? null : text;
        }
        return (new PartnerProfile(fullText, Images ?? current.Images, Media ?? current.Media, sections, attribution), null, null);
    }
}
