namespace Syndication.Storage.Maintenance;

/// <summary>The answer of <c>PRAGMA wal_checkpoint</c>: whether a reader or writer kept it from finishing, and the frames moved.</summary>
public sealed record WalCheckpoint(bool Busy, long LogFrames, long CheckpointedFrames);
