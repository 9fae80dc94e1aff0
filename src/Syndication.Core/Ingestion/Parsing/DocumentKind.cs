namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Which reader a document goes to.</summary>
internal enum DocumentKind
{
    Xml,
    Json,
}
