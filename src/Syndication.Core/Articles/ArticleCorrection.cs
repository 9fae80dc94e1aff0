namespace Syndication.Core.Articles;

/// <summary>The newsroom's correction of an article ("Đính chính"): what was corrected, and when. An edit may carry it
/// without a time; the store then stamps the time of the change (and keeps the first time while the text stays).</summary>
public sealed record ArticleCorrection(string Text, DateTimeOffset? Time = null)
{
    /// <summary>The longest correction kept, in characters: a note, not a second article.</summary>
    public const int MaxLength = 4000;
}
