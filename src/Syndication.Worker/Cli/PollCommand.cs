using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Ingestion.Sources;
using Syndication.Worker.Search;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication poll [--source ID]</c>: polls now, one line per source as each finishes.</summary>
internal static class PollCommand
{
    public static Command Create()
    {
        var sourceId = new Option<long?>("--source") { Description = "Poll only this source (see 'sources list')" };
        var command = new Command("poll", "Poll sources now and print one line per source (status, new, updated, duration)") { sourceId };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var store = host.Services.GetRequiredService<SourceStore>();
            var poller = host.Services.GetRequiredService<LeasedPoller>();
            var slots = host.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxConcurrentPolls;
            var only = parse.GetValue(sourceId);
            if (only is null)
            {
                await host.Services.GetRequiredService<OpmlSourceSync>().SyncAsync(cancellationToken);
            }
            var sources = (await store.ListAsync(includeRemoved: false, cancellationToken))
                .Where(source => only is null ? source.IsActive : source.Id == only)
                .ToList();
            if (only is not null && sources.Count == 0)
            {
                await Console.Error.WriteLineAsync($"error: there is no source {only}");
                return ExitCodes.BadArguments;
            }
            var failed = 0;
            var print = new Lock();
            var byId = sources.ToDictionary(source => source.Id);
            // No more at once than the poll slots, and no more claimed at once, so no claimed source waits long while its
            // lease runs; each poll under the source's lease, as the service polls: never beside a running service's poll of it.
            await poller.PollAllNowAsync([.. sources.Select(source => source.Id)], slots, (id, report) =>
            {
                lock (print)
                {
                    if (report is null)
                    {
                        failed++;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"#{id,-4} {"NotPolled",-11} {"-",3}  {0,4} new  {0,4} updated  {0,7:0} ms  {byId[id].Url}  error: another process kept polling it for {LeasedPoller.Patience.TotalSeconds:0} s, or its poll could not be stored (see the log)"));
                        return;
                    }
                    failed += report.Failed ? 1 : 0;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"#{report.SourceId,-4} {report.Outcome,-11} {report.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",3}  {report.New,4} new  {report.Updated,4} updated  {report.Elapsed.TotalMilliseconds,7:0} ms  {report.Url}{(report.Error is null ? "" : "  error: " + report.Error)}"));
                }
            }, cancellationToken);
            // What the service's relating job would do next, done now, so `related` and the pages show it at once.
            var related = await host.Services.GetRequiredService<CoverageRelator>().RelateAllPendingAsync(cancellationToken);
            await Console.Error.WriteLineAsync($"Related {related.Articles} articles and {related.Entries} entries to their coverage");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeInputRejected;
        });
        return command;
    }
}
