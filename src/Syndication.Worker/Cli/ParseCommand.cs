using System.CommandLine;
using Microsoft.Extensions.Options;
using Syndication.Core.Ingestion;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication parse FILE|URL|-</c>: parses one feed and prints the normalised JSON of DESIGN.md.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("FILE|URL|-") { Description = "A feed file, an http(s) URL, or - for standard input" };
        var command = new Command("parse", "Parse one feed document and print it as normalised JSON") { input };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(input)!;
            using var host = ConsoleHost.Build();
            var zone = TimeZoneInfo.FindSystemTimeZoneById(host.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.DefaultTimeZone);
            byte[] body;
            string? contentType = null;
            Uri? url = null;
            if (target == "-")
            {
                using var buffer = new MemoryStream();
                await Console.OpenStandardInput().CopyToAsync(buffer, cancellationToken);
                body = buffer.ToArray();
            }
            else if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                var fetched = await host.Services.GetRequiredService<FeedFetcher>().FetchAsync(new FetchRequest(uri, null, null), cancellationToken);
                if (fetched.Outcome != FetchOutcome.Fetched || fetched.Body is null)
                {
                    await Console.Error.WriteLineAsync($"error: {target}: {fetched.Error ?? fetched.Outcome.ToString()}");
                    return ExitCodes.CannotRead;
                }
                (body, contentType, url) = (fetched.Body, fetched.ContentType, fetched.FinalUrl);
            }
            else if (File.Exists(target))
            {
                body = await File.ReadAllBytesAsync(target, cancellationToken);
            }
            else
            {
                await Console.Error.WriteLineAsync($"error: {target}: no such file, and not an http(s) URL");
                return ExitCodes.CannotRead;
            }
            try
            {
                Console.WriteLine(ParsedFeedJson.Serialize(FeedParser.Parse(body, new FeedParseContext(url, contentType, zone))));
                return ExitCodes.Ok;
            }
            catch (FeedParseException error)
            {
                await Console.Error.WriteLineAsync($"error: {target}: {error.Message}");
                return ExitCodes.CannotRead;
            }
        });
        return command;
    }
}
