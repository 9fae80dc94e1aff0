using Syndication.Core.Ingestion.Sources;

namespace Syndication.Core.Ingestion.Stories;

/// <summary>Turns a list of entries into one item per story: the story's earliest copy, naming the other copies.</summary>
public static class StoryGroups
{
    /// <summary>At most this many other copies are named on one item.</summary>
    public const int CopiesNamed = 20;

    /// <summary>
    /// One entry per story, in the order of each story's first entry in <paramref name="ordered"/>; each is the
    /// story's earliest copy among <paramref name="ordered"/> and <paramref name="members"/> (every stored copy of
    /// those stories, when the caller has them), with the others as <see cref="IngestedEntry.OtherCopies"/>.
    /// </summary>
    public static IReadOnlyList<IngestedEntry> Collapse(IReadOnlyList<IngestedEntry> ordered, IEnumerable<IngestedEntry> members)
    {
        var copies = ordered.Concat(members)
            .DistinctBy(entry => entry.Id)
            .GroupBy(entry => entry.StoryId)
            .ToDictionary(group => group.Key, group => group.OrderBy(entry => entry.Sort).ThenBy(entry => entry.Id).ToList());
        var result = new List<IngestedEntry>();
        var seen = new HashSet<long>();
        foreach (var entry in ordered)
        {
            if (!seen.Add(entry.StoryId))
            {
                continue;
            }
            var story = copies[entry.StoryId];
            result.Add(story[0] with
            {
                OtherCopies = [.. story.Skip(1).Take(CopiesNamed).Select(copy => new StoryCopy(OutletOf(copy), copy.Link, copy.Title, copy.Published ?? copy.Sort))],
            });
        }
        return result;
    }

    /// <summary>The name an entry's source goes by: its feed's title, else its host.</summary>
    public static string OutletOf(IngestedEntry entry) =>
        entry.SourceTitle ?? (Uri.TryCreate(entry.SourceUrl, UriKind.Absolute, out var url) ? url.Host : entry.SourceUrl);
}
