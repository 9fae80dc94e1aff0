namespace Syndication.Storage.Partners;

/// <summary>A partner with the hash of its key's secret, to check a presented key against.</summary>
public sealed record PartnerCredential(Partner Partner, byte[] SecretHash);
