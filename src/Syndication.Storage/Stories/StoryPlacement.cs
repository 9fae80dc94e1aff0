using Syndication.Core.Ingestion.Stories;

namespace Syndication.Storage.Stories;

/// <summary>An entry's signature, its distinct LSH bands, and the story it joins (null: a story of its own, under its own id).</summary>
internal sealed record StoryPlacement(StorySignature Signature, long[] Bands, long? StoryId)
{
    public byte[] Hashes => Signature.HashBytes();

    public long Shingles => Signature.ShingleCount;

    public string? Numbers => Signature.NumbersText();
}

/// <summary>An entry to place in a story: its id (null when not stored yet), the signature of its text, its time, and
/// whether it is new.</summary>
internal sealed record StoryItem(long? EntryId, StorySignature Signature, DateTimeOffset Time, bool IsNew);
