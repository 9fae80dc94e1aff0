using System.Collections.Concurrent;
using System.Diagnostics;

namespace Syndication.Worker.Tests;

/// <summary>Runs the real <c>syndication</c> program as a separate process, as an operator would.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A verb that should have ended but serves or hangs: stop it, and show what it printed so far.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"syndication {string.Join(' ', args)} did not exit within 120 s:\n{await output}\n{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>An empty, migrated database at <paramref name="path"/>, as the service's first start (or <c>migrate</c>)
    /// leaves it: most verbs refuse to create one.</summary>
    public static async Task CreateDatabaseAsync(string path)
    {
        await new Storage.Schema.Migrator(new Storage.SqliteDatabase(path, TimeSpan.FromSeconds(5)), TimeProvider.System).MigrateAsync(CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Starts a long-running verb (<c>serve</c>); its output is collected line by line as it comes.</summary>
    public static Running Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        new(Process.Start(StartInfo(workingDirectory, environment, args))!);

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "syndication.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>A running <c>syndication</c> process and what it has printed so far.</summary>
    public sealed class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();
        private readonly ConcurrentQueue<string> _error = new();

        internal Running(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, line) => Add(_output, line.Data);
            process.ErrorDataReceived += (_, line) => Add(_error, line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public IReadOnlyList<string> OutputLines => [.. _output];

        public IReadOnlyList<string> ErrorLines => [.. _error];

        public bool HasExited => _process.HasExited;

        /// <summary>Waits until a line of standard output matches, or fails after <paramref name="limit"/> (or when the process ends first).</summary>
        public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan limit)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < limit)
            {
                if (_output.FirstOrDefault(match) is { } line)
                {
                    return line;
                }
                if (_process.HasExited)
                {
                    break;
                }
                await Task.Delay(50);
            }
            throw new TimeoutException($"no matching output line after {deadline.Elapsed}:\n{string.Join('\n', _output)}\n{string.Join('\n', _error)}");
        }

        /// <summary>Sends SIGTERM, as systemd's stop does, and waits for the exit code.</summary>
        public async Task<int> StopAsync()
        {
            if (!_process.HasExited)
            {
                using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        /// <summary>Ends the process at once with SIGKILL (kill -9): no stop, no cleanup, its connections simply drop.</summary>
        public async Task KillAsync()
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }

        private static void Add(ConcurrentQueue<string> lines, string? line)
        {
            if (line is not null)
            {
                lines.Enqueue(line);
            }
        }
    }
}
