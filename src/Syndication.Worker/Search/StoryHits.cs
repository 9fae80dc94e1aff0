using Syndication.Core.Ingestion.Stories;
using Syndication.Storage.Search;

namespace Syndication.Worker.Search;

/// <summary>Search results with a story's copies (docs/stories.md) grouped: each story is one hit, at the place of its
/// first copy in the given order, naming the other copies the search found.</summary>
public static class StoryHits
{
    public static IReadOnlyList<SearchHit> Group(IReadOnlyList<SearchHit> ordered)
    {
        var copies = ordered
            .Where(hit => hit.Kind == SearchHitKind.Entry && hit.Entry is not null)
            .GroupBy(hit => hit.Entry!.StoryId)
            .Where(story => story.Count() > 1)
            .ToDictionary(story => story.Key, story => story.ToList());
        var grouped = new List<SearchHit>(ordered.Count);
        var seen = new HashSet<long>();
        foreach (var hit in ordered)
        {
            if (hit.Entry is not { } entry || hit.Kind != SearchHitKind.Entry || !copies.TryGetValue(entry.StoryId, out var story))
            {
                grouped.Add(hit);
                continue;
            }
            if (!seen.Add(entry.StoryId))
            {
                continue;
            }
            grouped.Add(hit with
            {
                Entry = entry with
                {
                    OtherCopies = [.. story.Skip(1).Take(StoryGroups.CopiesNamed).Select(copy => new StoryCopy(
                        StoryGroups.OutletOf(copy.Entry!), copy.Entry!.Link, copy.Entry.Title, copy.Entry.Published ?? copy.Entry.Sort))],
                },
            });
        }
        return grouped;
    }
}
