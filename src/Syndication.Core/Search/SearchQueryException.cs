namespace Syndication.Core.Search;

/// <summary>A search the service cannot run; the message is plain enough to show to whoever typed it.</summary>
public sealed class SearchQueryException(string message) : Exception(message);
