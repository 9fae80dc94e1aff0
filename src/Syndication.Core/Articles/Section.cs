namespace Syndication.Core.Articles;

/// <summary>A section of the newspaper ("Chính trị"), addressed by its slug ("chinh-tri").</summary>
public sealed record Section(string Slug, string Name);
