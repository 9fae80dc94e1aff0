using Syndication.Core.Ingestion.Stories;

namespace Syndication.Storage.Stories;

/// <summary>An entry's signature, its distinct LSH bands, and the story it joins (null: a story of its own, under its own id).</summary>
internal sealed record StoryPlacement(StorySignature Signature, long[] Bands, long? StoryId)
{
    public byte[] Hashes => Signature.HashBytes();

    public long Shingles => Signature.ShingleCount;

    public string? Numbers => Signature.NumbersText();
}
