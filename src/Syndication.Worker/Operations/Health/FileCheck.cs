using System.Diagnostics;
using Syndication.Storage;
using Syndication.Storage.Maintenance;

namespace Syndication.Worker.Operations.Health;

/// <summary>
/// The check of every page of the SQLite file (<c>PRAGMA quick_check</c>, seconds on a large archive), run once the
/// service listens instead of before it: feeds are served meanwhile (a damaged page a request reads fails that request
/// as a storage failure), <c>/readyz</c> answers 503 until the check has passed, and a damaged file stops the service
/// with the storage failure's exit code, as one found damaged before listening does.
/// </summary>
public sealed class FileCheck(Database database, StorageHealth health, IHostApplicationLifetime lifetime, ILogger<FileCheck> logger)
{
    private volatile string? _pending;
    private Task _running = Task.CompletedTask;

    /// <summary>What readiness waits for (the check is running), or null once it has passed or when there is none to run.</summary>
    public string? Pending => _pending;

    /// <summary>The damage the check found, once it has stopped the service for it; null otherwise.</summary>
    public StorageFailure? Failure { get; private set; }

    /// <summary>Starts the check once the application has started (nothing on PostgreSQL, which checks its own pages).</summary>
    public void Start()
    {
        if (database is not SqliteDatabase file || !File.Exists(file.Path))
        {
            return;
        }
        _pending = "checking every page of the database file (quick_check)";
        // A thread of its own: SQLite's calls complete synchronously, so the check would hold a thread-pool thread for its
        // seconds, and on two cores the pool has two until it injects more (the first feed waited 7–13 s for one).
        lifetime.ApplicationStarted.Register(() => _running = Task.Factory.StartNew(
            () => RunAsync(file, lifetime.ApplicationStopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
    }

    /// <summary>Completes when a started check has ended (passed, failed, could not run, or given up because the service
    /// stops); it never faults.</summary>
    public Task Completion => _running;

    private async Task RunAsync(SqliteDatabase file, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        StorageFailure? failure;
        try
        {
            var problems = await new DatabaseMaintenance(database).QuickCheckAsync(stopping);
            failure = problems.Count == 0 ? null : new StorageFailure(StorageFailureKind.Corrupt, file.Path,
                $"the database file is damaged (quick_check: {string.Join("; ", problems.Take(3))}); restore a backup");
        }
        catch (Exception error) when (stopping.IsCancellationRequested)
        {
            logger.LogDebug(error, "The check of {Path} ended as the service stops", file.Path);
            return;
        }
        catch (Exception error) when (StorageFailure.From(error, file.Path) is { } unreadable)
        {
            failure = unreadable;
        }
        catch (Exception error)
        {
            // The check itself broke (not the file): said once, and the service goes on as if no check had been asked
            // for — a damaged page still fails the request that reads it, and readiness does not wait for ever.
            _pending = null;
            logger.LogError("The check of every page of {Path} could not run ({Error}: {Message}); serving without it",
                file.Path, error.GetType().Name, error.Message);
            return;
        }
        if (failure is null)
        {
            _pending = null;
            logger.LogInformation("Checked {Path} in {ElapsedMs} ms: quick_check ok", file.Path, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return;
        }
        Failure = failure;
        health.Record(failure);
        _pending = null;
        logger.LogCritical("Stopping: {Failure}", failure.ToString());
        lifetime.StopApplication();
    }
}
