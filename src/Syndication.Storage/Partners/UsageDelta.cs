namespace Syndication.Storage.Partners;

/// <summary>Traffic to add to a partner's day, as counted in memory since the last write.</summary>
public sealed record UsageDelta(long PartnerId, DateOnly Day, long Requests, long NotModified, long Throttled, long Bytes);
