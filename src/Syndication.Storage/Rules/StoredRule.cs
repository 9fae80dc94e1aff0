using Syndication.Core.Ingestion.Rules;

namespace Syndication.Storage.Rules;

/// <summary>A saved editorial rule, when it was added and how many entries it has matched since.</summary>
public sealed record StoredRule(EditorialRule Rule, DateTimeOffset Created, long MatchedCount);
