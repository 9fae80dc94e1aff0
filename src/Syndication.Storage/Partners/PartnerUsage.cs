namespace Syndication.Storage.Partners;

/// <summary>One partner's traffic on one UTC day: requests (all answered, including 304 and 429), 304s, 429s, body bytes.</summary>
public sealed record PartnerUsage(long PartnerId, string PartnerName, DateOnly Day, long Requests, long NotModified, long Throttled, long Bytes);
