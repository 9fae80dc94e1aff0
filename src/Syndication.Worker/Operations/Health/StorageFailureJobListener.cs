using Quartz;

namespace Syndication.Worker.Operations.Health;

/// <summary>Tells <see cref="StorageHealth"/> of a scheduled job that failed on storage, so readiness reports it.</summary>
internal sealed class StorageFailureJobListener(StorageHealth health) : IJobListener
{
    public string Name => nameof(StorageFailureJobListener);

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (jobException is not null)
        {
            health.Observe(jobException);
        }
        return ValueTask.CompletedTask;
    }
}
