namespace Syndication.Storage.Schema;

/// <summary>One step of the schema, applied once, in order, inside a transaction.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
