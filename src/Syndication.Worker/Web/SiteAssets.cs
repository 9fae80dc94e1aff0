using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Syndication.Worker.Web;

/// <summary>
/// The files every page uses — the stylesheet and the site's icons — read once from the assembly. The stylesheet's
/// URL carries a hash of its content, so browsers may keep it for a year and still see a change at once; icons keep
/// fixed URLs, because feeds name them and a feed's bytes must not change with a redesign of the icon.
/// </summary>
public static class SiteAssets
{
    /// <summary>A served file: its bytes, media type and whether its URL changes with its content.</summary>
    public sealed record Asset(byte[] Content, string MediaType, bool Immutable);

    public const string FaviconPath = "favicon.ico";
    public const string SvgIconPath = "icon.svg";
    /// <summary>512 × 512: JSON Feed <c>icon</c>, Atom <c>icon</c> (square, as Atom asks), and touch icons.</summary>
    public const string IconPath = "assets/icon-512.png";
    /// <summary>64 × 64: JSON Feed <c>favicon</c>.</summary>
    public const string SmallIconPath = "assets/icon-64.png";
    /// <summary>144 × 144: RSS <c>image</c> (at most 144 pixels wide).</summary>
    public const string RssImagePath = "assets/icon-144.png";
    /// <summary>512 × 256: Atom <c>logo</c> (twice as wide as high, as Atom asks).</summary>
    public const string LogoPath = "assets/logo.png";

    private static readonly byte[] Stylesheet = Read("site.css");

    /// <summary>The stylesheet's path below the site, with the first 12 hex digits of its SHA-256.</summary>
    public static readonly string StylesheetPath = $"assets/site.{Convert.ToHexStringLower(SHA256.HashData(Stylesheet))[..12]}.css";

    private static readonly FrozenDictionary<string, Asset> ByPath = new Dictionary<string, Asset>(StringComparer.Ordinal)
    {
        [StylesheetPath] = new(Stylesheet, "text/css; charset=utf-8", Immutable: true),
        [FaviconPath] = new(Read("favicon.ico"), "image/x-icon", Immutable: false),
        [SvgIconPath] = new(Read("icon.svg"), "image/svg+xml", Immutable: false),
        [IconPath] = new(Read("icon-512.png"), "image/png", Immutable: false),
        [SmallIconPath] = new(Read("icon-64.png"), "image/png", Immutable: false),
        [RssImagePath] = new(Read("icon-144.png"), "image/png", Immutable: false),
        [LogoPath] = new(Read("logo.png"), "image/png", Immutable: false),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The asset at a path below the site ("assets/icon-64.png"), or null.</summary>
    public static Asset? Find(string path) => ByPath.GetValueOrDefault(path);

    public static IEnumerable<string> Paths => ByPath.Keys;

    private static byte[] Read(string name)
    {
        using var stream = typeof(SiteAssets).Assembly.GetManifestResourceStream("Syndication.Worker.Web.Assets." + name)
            ?? throw new InvalidOperationException($"The asset {name} is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
