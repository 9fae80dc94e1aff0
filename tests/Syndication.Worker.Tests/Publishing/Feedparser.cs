using System.Diagnostics;
using System.Text.Json;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>
/// Reads a feed with Python's feedparser (Debian's python3-feedparser), the library most feed readers' behaviour is
/// checked against: what it lists is what a reader shows. Outside CI a machine without it skips the test; CI
/// (<c>.ci/run</c>) installs it.
/// </summary>
internal static class Feedparser
{
    public const string InstallHint = "python3-feedparser is not installed: apt-get install -y python3-feedparser";

    private static readonly Lazy<string?> Python = new(Find);

    /// <summary>Skips the calling test when feedparser is missing outside CI; fails it when missing in CI.</summary>
    public static void RequireOrSkip()
    {
        if (Python.Value is not null)
        {
            return;
        }
        Assert.True(Environment.GetEnvironmentVariable("CI") is null, InstallHint);
        Skip.If(true, InstallHint);
    }

    /// <summary>The ids of the entries feedparser reads in a feed document.</summary>
    public static async Task<IReadOnlyList<string>> EntryIdsAsync(byte[] feed)
    {
        const string script = """
            import feedparser, json, sys
            parsed = feedparser.parse(sys.stdin.buffer.read())
            if parsed.bozo and not parsed.entries:
                sys.exit("not a feed: %s" % parsed.bozo_exception)
            print(json.dumps([entry.get("id") for entry in parsed.entries]))
            """;
        return JsonSerializer.Deserialize<string[]>(await RunAsync(script, [], feed))!;
    }

    /// <summary>
    /// What feedparser gets when it fetches <paramref name="url"/> itself, with its own request headers (its Accept
    /// header names the feed types above HTML): the format it recognised (e.g. "rss20", "atom10", "" when none), the
    /// response's content type and the links of the entries it read.
    /// </summary>
    public static async Task<(string Version, string ContentType, IReadOnlyList<string> EntryLinks)> FetchAsync(Uri url)
    {
        const string script = """
            import feedparser, json, sys
            parsed = feedparser.parse(sys.argv[1])
            print(json.dumps({"version": parsed.get("version", ""), "type": parsed.get("headers", {}).get("content-type", ""),
                              "links": [entry.get("link") for entry in parsed.entries]}))
            """;
        using var json = JsonDocument.Parse(await RunAsync(script, [url.AbsoluteUri], null));
        var root = json.RootElement;
        return (root.GetProperty("version").GetString()!, root.GetProperty("type").GetString()!,
            [.. root.GetProperty("links").EnumerateArray().Select(link => link.GetString()!)]);
    }

    private static async Task<string> RunAsync(string script, string[] arguments, byte[]? input)
    {
        var start = new ProcessStartInfo(Python.Value ?? throw new InvalidOperationException(InstallHint))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(input);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"feedparser failed: {await errors}");
        return await output;
    }

    /// <summary>The first Python that imports feedparser: Debian's package installs it for /usr/bin/python3, which another
    /// python3 earlier on the PATH (pyenv, a virtualenv) does not see.</summary>
    private static string? Find()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                var start = new ProcessStartInfo(candidate) { RedirectStandardError = true, RedirectStandardOutput = true };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("import feedparser");
                using var process = Process.Start(start)!;
                process.WaitForExit();
                if (process.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No such program: try the next.
            }
        }
        return null;
    }
}
