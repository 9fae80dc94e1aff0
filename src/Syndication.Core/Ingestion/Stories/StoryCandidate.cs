namespace Syndication.Core.Ingestion.Stories;

/// <summary>A stored entry that shares an LSH band with a new one: the story it is in, its signature and its time.</summary>
public sealed record StoryCandidate(long EntryId, long StoryId, long SourceId, StorySignature Signature, DateTimeOffset Time);
