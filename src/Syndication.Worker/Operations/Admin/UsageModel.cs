using Syndication.Storage.Partners;

namespace Syndication.Worker.Operations.Admin;

/// <summary>The usage page: each partner's traffic per day over the last days.</summary>
public sealed record UsageModel(AdminChrome Chrome, IReadOnlyList<PartnerUsage> Usage, int Days);
