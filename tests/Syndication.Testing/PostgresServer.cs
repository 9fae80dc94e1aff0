using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace Syndication.Testing;

/// <summary>
/// A private PostgreSQL server for one test run: Debian's initdb and pg_ctl into a temporary folder, listening on a
/// free loopback port; each test class or test takes a database of its own. Run as the <c>postgres</c> user when the
/// tests run as root (initdb refuses root). Removed when the run ends.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string InstallHint = "PostgreSQL's server binaries are missing: apt-get install -y postgresql";

    private string? _folder;
    private int _port;
    private string _options = "";

    /// <summary>The newest /usr/lib/postgresql/N/bin that has initdb and pg_ctl, or null.</summary>
    public static string? BinDirectory { get; } = FindBinaries();

    /// <summary>Why PostgreSQL tests are skipped here (binaries missing outside CI), or null when they run. Under CI=true a missing server fails instead.</summary>
    public static string? SkipReason =>
        BinDirectory is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? InstallHint
            : null;

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            // Every test of the collection is reported skipped with the install line; there is nothing to start.
            return;
        }
        var bin = BinDirectory ?? throw new InvalidOperationException(InstallHint);
        _folder = Path.Combine(Path.GetTempPath(), "syndication-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", _folder], asPostgres: false);
        }
        var data = Path.Combine(_folder, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asRoot);
        _port = FreePort();
        _options = $"-p {_port} -c listen_addresses=127.0.0.1 -k {_folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
        await StartServerAsync();
    }

    /// <summary>Stops the server at once, as a crash or a cut network would (clients' connections break). Like a crash it
    /// can lose the last commits: with synchronous_commit off a commit is acknowledged before its WAL is written.</summary>
    public Task KillAsync() =>
        RunAsync(Path.Combine(BinDirectory!, "pg_ctl"), ["-D", Path.Combine(_folder!, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root");

    /// <summary>Starts the server again on the same port and data after <see cref="KillAsync"/>.</summary>
    public Task StartServerAsync() =>
        RunAsync(Path.Combine(BinDirectory!, "pg_ctl"),
            ["-D", Path.Combine(_folder!, "data"), "-l", Path.Combine(_folder!, "server.log"), "-w", "-t", "60", "-o", _options, "start"],
            Environment.UserName == "root");

    /// <summary>The connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = "postgres",
            Database = database,
            MaxPoolSize = 30,
            Timeout = 30,
            CommandTimeout = 60,
        }.ConnectionString;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task>> _templates = new(StringComparer.Ordinal);

    /// <summary>Creates an empty database (or a copy of <paramref name="template"/>) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string template = "template0")
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template} ENCODING 'UTF8'", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// A database made once per run by <paramref name="prepare"/> (given its connection string) under the name
    /// <paramref name="template"/>, then copied for each caller: copying a migrated schema is much quicker than migrating.
    /// <paramref name="prepare"/> must close its connections (clear its pool): a template in use cannot be copied.
    /// </summary>
    public async Task<string> CreateDatabaseFromAsync(string template, Func<string, Task> prepare)
    {
        await _templates.GetOrAdd(template, name => new Lazy<Task>(async () =>
        {
            await using (var connection = new NpgsqlConnection(ConnectionString()))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'", connection);
                await command.ExecuteNonQueryAsync();
            }
            await prepare(ConnectionString(name));
        })).Value;
        return await CreateDatabaseAsync(template);
    }

    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            await KillAsync();
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }
        return Directory.GetDirectories(Root)
            .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), out var version) ? version : -1))
            .Where(candidate => File.Exists(Path.Combine(candidate.Folder, "bin", "initdb")) && File.Exists(Path.Combine(candidate.Folder, "bin", "pg_ctl")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Folder, "bin"))
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
    }
}
