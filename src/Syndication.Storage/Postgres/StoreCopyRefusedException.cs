namespace Syndication.Storage.Postgres;

/// <summary>A copy that did not happen (the target holds data, or a count did not match): the target is as it was.</summary>
public sealed class StoreCopyRefusedException(string message) : Exception(message);
