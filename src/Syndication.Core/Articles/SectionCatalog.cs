using Syndication.Core.Text;

namespace Syndication.Core.Articles;

/// <summary>Knows the newspaper's sections by slug and display name, and the default for articles that name none.</summary>
public sealed class SectionCatalog
{
    private readonly Dictionary<string, string> _namesBySlug;

    public SectionCatalog(IReadOnlyDictionary<string, string> namesBySlug, string defaultSection)
    {
        _namesBySlug = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (slug, name) in namesBySlug)
        {
            _namesBySlug[Slugifier.Slugify(slug)] = TextCleaner.Clean(name);
        }
        Default = Resolve(defaultSection);
    }

    public Section Default { get; }

    public bool IsKnown(string slug) => _namesBySlug.ContainsKey(slug);

    /// <summary>A section from a slug ("kinh-te") or a display name ("Kinh tế"); unknown names become sections of their own.</summary>
    public Section Resolve(string slugOrName)
    {
        var cleaned = TextCleaner.Clean(slugOrName);
        var slug = Slugifier.Slugify(cleaned);
        if (_namesBySlug.TryGetValue(slug, out var known))
        {
            return new Section(slug, known);
        }
        var looksLikeSlug = cleaned == slug;
        return new Section(slug, looksLikeSlug ? Capitalise(cleaned.Replace('-', ' ')) : cleaned);
    }

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
