using Syndication.Core.Ingestion.Sources;

namespace Syndication.Worker.Operations.Admin;

/// <summary>The sources page: every source, removed ones too, and what the add form was given when it was refused.</summary>
public sealed record SourcesModel(AdminChrome Chrome, IReadOnlyList<Source> Sources, string? Url = null, string? Title = null);
