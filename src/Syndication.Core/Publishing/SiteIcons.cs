namespace Syndication.Core.Publishing;

/// <summary>
/// The site's icons as feeds name them, as paths below the site: <paramref name="Icon"/> square (Atom <c>icon</c>,
/// JSON Feed <c>icon</c>, 512 px), <paramref name="Favicon"/> small (JSON Feed <c>favicon</c>, 64 px),
/// <paramref name="RssImage"/> at most 144 px wide (RSS <c>image</c>), <paramref name="Logo"/> twice as wide as high
/// (Atom <c>logo</c>).
/// </summary>
public sealed record SiteIcons(string Icon, string Favicon, string RssImage, string Logo);
