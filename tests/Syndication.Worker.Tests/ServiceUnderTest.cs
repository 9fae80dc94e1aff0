using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Hosting;
using Syndication.Worker.Operations.Health;

namespace Syndication.Worker.Tests;

/// <summary>The real service on a free loopback port, over a real SQLite file in a folder of its own.</summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsRoot;
    private bool _stopped;

    private ServiceUnderTest(WebApplication app, string root, bool ownsRoot)
    {
        _app = app;
        Root = root;
        _ownsRoot = ownsRoot;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = new Uri(address + "/"),
        };
    }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "data", "syndication.db");

    public string SeedsPath => Path.Combine(Root, "seeds");

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the service in a new folder whose seeds/ is a copy of testdata/seeds; disposing deletes the folder.</summary>
    public static Task<ServiceUnderTest> StartAsync() => StartAsync(NewRoot(), ownsRoot: true, null, []);

    /// <summary>As <see cref="StartAsync()"/>, with settings on the command line.</summary>
    public static Task<ServiceUnderTest> StartWithAsync(params string[] extraArgs) => StartAsync(NewRoot(), ownsRoot: true, null, extraArgs);

    /// <summary>Starts the service over a folder the caller owns (a restart keeps its database and seeds); see <see cref="DeleteRoot"/>.</summary>
    public static Task<ServiceUnderTest> StartAsync(string root, params string[] extraArgs) => StartAsync(root, ownsRoot: false, null, extraArgs);

    /// <summary>As <see cref="StartAsync(string, string[])"/>, with a hook on the host's builder (e.g. to capture logs).</summary>
    public static Task<ServiceUnderTest> StartAsync(string root, Action<WebApplicationBuilder> configure, params string[] extraArgs) =>
        StartAsync(root, ownsRoot: false, configure, extraArgs);

    private static async Task<ServiceUnderTest> StartAsync(string root, bool ownsRoot, Action<WebApplicationBuilder>? configure, string[] extraArgs)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Syndication:Database", Path.Combine(root, "data", "syndication.db"),
            "--Syndication:SeedsPath", Path.Combine(root, "seeds"),
            "--Syndication:RevisionCheckIntervalMs", "0",
            "--Logging:LogLevel:Default", "Warning",
            .. extraArgs,
        ];
        var app = WebHost.Build(args, configure);
        await WebHost.StartAsync(app, CancellationToken.None);
        // The check of every page of the file runs once the service listens; tests start from a checked file, as the
        // service did before it moved there.
        await app.Services.GetRequiredService<FileCheck>().Completion;
        return new ServiceUnderTest(app, root, ownsRoot);
    }

    /// <summary>Starts the service over a caller-owned folder with these feeds as its OPML sources, fetchable on loopback.</summary>
    public static Task<ServiceUnderTest> StartWithSourcesAsync(string root, IEnumerable<Uri> sources, params string[] extraArgs) =>
        StartWithSourcesAsync(root, sources, _ => { }, extraArgs);

    /// <summary>As <see cref="StartWithSourcesAsync(string, IEnumerable{Uri}, string[])"/>, with a hook on the host's builder (e.g. a fake clock).</summary>
    public static Task<ServiceUnderTest> StartWithSourcesAsync(
        string root, IEnumerable<Uri> sources, Action<WebApplicationBuilder> configure, params string[] extraArgs)
    {
        var opml = Path.Combine(root, "sources.opml");
        File.WriteAllText(opml, Ingestion.Polling.NewsFeedFixture.Opml(sources));
        return StartAsync(root, configure,
        [
            "--Syndication:Ingestion:SourcesOpml", opml,
            "--Syndication:Ingestion:AllowPrivateNetworks", "true",
            .. extraArgs,
        ]);
    }

    /// <summary>Polls every active source once, now, as the scheduler would (tests run with scheduled polling off).</summary>
    public async Task PollAllSourcesAsync()
    {
        var poller = Services.GetRequiredService<Worker.Ingestion.Polling.SourcePoller>();
        foreach (var source in await Services.GetRequiredService<Storage.Ingestion.SourceStore>().ListAsync(false, CancellationToken.None))
        {
            await poller.PollAsync(source, CancellationToken.None);
        }
    }

    /// <summary>A new partner with these scopes and rate, made as <c>partners add</c> makes it; returns its key.</summary>
    public async Task<string> AddPartnerAsync(string name, string[] scopes, int requestsPerMinute = 1000)
    {
        var (_, key, error) = await Services.GetRequiredService<Worker.Partners.PartnerRegistry>().AddAsync(name, scopes, requestsPerMinute, CancellationToken.None);
        return key?.ToString() ?? throw new InvalidOperationException(error);
    }

    /// <summary>Sends a request with a partner key as bearer token, and a JSON body when one is given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        return await Client.SendAsync(request);
    }

    /// <summary>A new folder whose seeds/ is a copy of testdata/seeds (four small articles).</summary>
    public static string NewRoot() => NewRoot(Path.Combine("testdata", "seeds"));

    /// <summary>A new folder whose seeds/ is a copy of <paramref name="seeds"/>, a folder of the test output (e.g. "sample-seeds", the repository's seeds/).</summary>
    public static string NewRoot(string seeds)
    {
        var root = Path.Combine(Path.GetTempPath(), "syndication-tests", Guid.NewGuid().ToString("N"));
        CopyFolder(Path.Combine(AppContext.BaseDirectory, seeds), Path.Combine(root, "seeds"));
        return root;
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
        Client.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsRoot)
        {
            DeleteRoot(Root);
        }
    }

    public static void DeleteRoot(string root)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
