using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;

namespace Syndication.Worker.Operations.Admin;

/// <summary>One source's page: its state, its recent polls and its newest entries; Push is its WebSub subscription, if any.</summary>
public sealed record SourceModel(
    AdminChrome Chrome, Source Source, IReadOnlyList<SourcePoll> Polls, IReadOnlyList<IngestedEntry> Entries, PushView? Push = null);
