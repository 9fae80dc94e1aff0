using Syndication.Storage.Partners;

namespace Syndication.Worker.Operations.Admin;

/// <summary>A partner just created and its key, which is never shown again.</summary>
public sealed record CreatedKey(Partner Partner, string Key);
