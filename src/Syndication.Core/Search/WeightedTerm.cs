namespace Syndication.Core.Search;

/// <summary>A folded term ("tin dung") and how much it says about the text it was picked from.</summary>
public sealed record WeightedTerm(string Term, double Weight);
