using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Syndication.Worker.Tests.Partners;

/// <summary>Keeps every log line the service writes, formatted, with its exception text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Starts the service in <paramref name="root"/> with every category logging at Trace into this provider.</summary>
    public Task<ServiceUnderTest> StartServiceAsync(string root) => ServiceUnderTest.StartAsync(root,
        builder => builder.Logging.AddProvider(this),
        "--Logging:LogLevel:Default", "Trace", "--Logging:LogLevel:Microsoft.AspNetCore", "Trace");

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
    }
}
