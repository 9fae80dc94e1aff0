using System.Security.Cryptography;
using System.Text;

namespace Syndication.Core.Publishing;

/// <summary>
/// What a partner's feeds carry: the whole article or its lead, images or none, Media RSS or not, which sections (null:
/// all), and an attribution line appended to each item's content.
/// </summary>
public sealed record PartnerProfile(bool FullText, bool Images, bool Media, IReadOnlyList<string>? Sections, string? Attribution)
{
    /// <summary>What a key gets unless told otherwise — what every partner got before profiles: the whole article,
    /// its images with Media RSS, every section, no attribution.</summary>
    public static readonly PartnerProfile Default = new(FullText: true, Images: true, Media: true, Sections: null, Attribution: null);

    /// <summary>The most characters an attribution line may have.</summary>
    public const int MaxAttribution = 500;

    /// <summary>"full" or "lead", as the CLI, the API and the store name it.</summary>
    public string Content => FullText ? "full" : "lead";

    /// <summary>A short name for what the feeds rendered for this profile contain: equal profiles share it (and so their
    /// cached documents); different ones never do.</summary>
    public string Fingerprint
    {
        get
        {
            var canonical = $"{Content}\u001F{Images}\u001F{Media}\u001F{(Sections is null ? "*" : string.Join(' ', Sections.Order(StringComparer.Ordinal)))}\u001F{Attribution}";
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 12));
        }
    }

    /// <summary>Whether the profile's sections include a section.</summary>
    public bool Includes(string sectionSlug) => Sections is null || Sections.Contains(sectionSlug, StringComparer.Ordinal);

    public bool Equals(PartnerProfile? other) => other is not null && Fingerprint == other.Fingerprint;

    public override int GetHashCode() => Fingerprint.GetHashCode(StringComparison.Ordinal);
}
