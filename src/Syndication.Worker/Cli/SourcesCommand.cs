using System.CommandLine;
using System.Globalization;
using Syndication.Core.Ingestion.Opml;
using Syndication.Storage.Ingestion;
using Syndication.Storage.WebSub;
using Syndication.Worker.Ingestion.Sources;
using Syndication.Worker.Ingestion.WebSub;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication sources list|add|remove|import|export</c>: the subscriptions and their health.</summary>
internal static class SourcesCommand
{
    public static Command Create()
    {
        var command = new Command("sources", "Manage the external feeds to ingest");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Command List()
    {
        var all = new Option<bool>("--all") { Description = "Also list removed sources" };
        var command = new Command("list",
            "List sources with their health: last poll, HTTP status, entries, failures, next poll, push (WebSub, until the lease expires) or poll, last error") { all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var sources = await host.Services.GetRequiredService<SourceStore>().ListAsync(parse.GetValue(all), cancellationToken);
            var subscriptions = await host.Services.GetRequiredService<PushSubscriptionStore>().ListAsync(cancellationToken);
            var push = host.Services.GetRequiredService<PushPolling>();
            Console.Write(TextTable.Format(
                ["ID", "STATE", "LAST POLL", "HTTP", "ENTRIES", "FAILS", "NEXT POLL", "MODE", "URL", "LAST ERROR"],
                sources.Select(source => (IReadOnlyList<string>)
                [
                    source.Id.ToString(CultureInfo.InvariantCulture),
                    SourceStates.Of(source).Word(),
                    Time(source.LastPoll),
                    source.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    source.EntryCount.ToString(CultureInfo.InvariantCulture),
                    source.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture),
                    source.IsActive ? Time(source.NextPoll) : "-",
                    !source.IsActive ? "-"
                        : subscriptions.GetValueOrDefault(source.Id) is { } subscription && push.IsPushing(subscription) ? "push until " + Time(subscription.LeaseExpires)
                        : "poll",
                    source.Url,
                    source.LastError ?? "",
                ])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Add()
    {
        var url = new Argument<string>("URL") { Description = "The feed's URL" };
        var title = new Option<string?>("--title") { Description = "A title (default: the feed's own)" };
        var command = new Command("add", "Add a feed to ingest (or bring back a removed one)") { url, title };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(url)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync($"error: '{text}' is not an absolute http(s) URL");
                return ExitCodes.BadArguments;
            }
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var added = await host.Services.GetRequiredService<SourceCatalog>().AddAsync(text, parse.GetValue(title), cancellationToken);
            if (added.Source is not { } source)
            {
                await Console.Error.WriteLineAsync(added.Refusal == SourceRefusal.OwnFeed
                    ? $"error: {uri.AbsoluteUri} is one of this service's own feeds (Syndication:PublicBaseUrl or its listening address); it ingests other sites' feeds"
                    : $"error: '{text}' is not an absolute http(s) URL");
                return ExitCodes.BadArguments;
            }
            Console.WriteLine($"Source {source.Id}: {source.Url}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<long>("ID") { Description = "The source's id (see 'sources list')" };
        var command = new Command("remove", "Stop ingesting a source; its entries and history are kept") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            if (!await host.Services.GetRequiredService<SourceCatalog>().RemoveAsync(parse.GetValue(id), cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: there is no active source {parse.GetValue(id)}");
                return ExitCodes.BadArguments;
            }
            Console.WriteLine($"Source {parse.GetValue(id)} removed");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("OPML") { Description = "An OPML file, as feed readers export" };
        var command = new Command("import", "Add every feed of an OPML file") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            IReadOnlyList<OpmlOutline> outlines;
            try
            {
                outlines = OpmlDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
            }
            catch (Exception error) when (error is FormatException or IOException or UnauthorizedAccessException)
            {
                // A missing or unreadable file, or one that is not OPML: the input cannot be read.
                await Console.Error.WriteLineAsync($"error: {path}: {error.Message}");
                return ExitCodes.CannotRead;
            }
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var imported = await host.Services.GetRequiredService<SourceCatalog>().ImportAsync(outlines, cancellationToken);
            foreach (var refused in imported.RefusedOwnFeeds)
            {
                await Console.Error.WriteLineAsync($"error: {path}: {refused} is one of this service's own feeds; not added");
            }
            var count = imported.RefusedOwnFeeds.Count;
            Console.WriteLine($"Imported {imported.Added} source(s) from {path}" + (count > 0 ? $", refused {count} of this service's own" : ""));
            return count == 0 ? ExitCodes.Ok : ExitCodes.SomeInputRejected;
        });
        return command;
    }

    private static Command Export()
    {
        var command = new Command("export", "Print the active sources as OPML 2.0");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var sources = await host.Services.GetRequiredService<SourceStore>().ListAsync(includeRemoved: false, cancellationToken);
            var clock = host.Services.GetRequiredService<TimeProvider>();
            Console.Write(OpmlDocument.Write("Syndication sources",
                sources.Where(source => source.IsActive).Select(source => new OpmlOutline(source.Url, source.Title, source.SiteUrl, source.Category)),
                clock.GetUtcNow()));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Time(DateTimeOffset? time) =>
        time is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "-";
}
