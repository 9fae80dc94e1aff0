using Syndication.Storage;

namespace Syndication.Worker.Operations.Health;

/// <summary>
/// The storage failure the service last met — in a request, a job or the readiness probe — kept until a write succeeds
/// again (a damaged file: until a restart), so <c>/readyz</c> reports it instead of answering 200 between failures.
/// </summary>
public sealed class StorageHealth(Database database, TimeProvider clock, ILogger<StorageHealth> logger)
{
    private readonly Lock _gate = new();
    private StorageProblem? _current;
    private DateTimeOffset? _busySince;
    private long _interruptions;

    /// <summary>The unresolved failure and since when, or null when storage is fine.</summary>
    public StorageProblem? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>How many times the database has been found out of reach (<see cref="StorageFailureKind.Unavailable"/>).
    /// Across one, what it holds may be less than what was read before it: a crash can lose the last commits, a failover
    /// lands on a standby that had not received them — so what was kept by revision number is not trusted past it.</summary>
    public long Interruptions => Interlocked.Read(ref _interruptions);

    /// <summary>The storage failure behind <paramref name="error"/>, kept (unless it is only a busy lock); null when it is none.</summary>
    public StorageFailure? Observe(Exception error)
    {
        if (StorageFailure.From(error, database.Description) is not { } failure)
        {
            return null;
        }
        if (failure.Kind != StorageFailureKind.Busy)
        {
            Record(failure);
        }
        return failure;
    }

    /// <summary>Keeps a storage failure found without an exception (a check that reports damage), as <see cref="Observe"/> does.</summary>
    public void Record(StorageFailure failure)
    {
        if (failure.Kind == StorageFailureKind.Unavailable)
        {
            // Every one counts, not only the first of a kind: the server may have come back and gone again in between.
            Interlocked.Increment(ref _interruptions);
        }
        lock (_gate)
        {
            if (_current?.Failure.Kind == failure.Kind)
            {
                return;
            }
            _current = new StorageProblem(failure, clock.GetUtcNow());
        }
        // Once per kind of failure, not once per request: a full disk fails every write until space returns.
        logger.LogWarning("Storage failure: {Failure}", failure.ToString());
    }

    /// <summary>The readiness probe found the write lock held: since when it has found it so, probe after probe.</summary>
    public TimeSpan LockHeldFor()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            _busySince ??= now;
            return now - _busySince.Value;
        }
    }

    /// <summary>The readiness probe took the write lock.</summary>
    public void LockTaken()
    {
        lock (_gate)
        {
            _busySince = null;
        }
    }

    /// <summary>A write went through: a failure that may pass has passed.</summary>
    public void WriteSucceeded()
    {
        StorageProblem? passed;
        lock (_gate)
        {
            passed = _current is { Failure.MayPass: true } ? _current : null;
            if (passed is not null)
            {
                _current = null;
            }
        }
        if (passed is not null)
        {
            logger.LogInformation("Storage writable again after {Failure} since {Since:o}", passed.Failure.Kind, passed.Since);
        }
    }
}
