using Microsoft.Extensions.Options;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Cluster;
using Syndication.Worker.Operations.Health;

namespace Syndication.Worker.Ingestion.Polling;

/// <summary>
/// Polls sources this process holds the lease on: renews the lease while the poll runs, and ends it with the poll —
/// saving the poll stores the next poll time and ends the lease together; a poll that fails on our side still gets a
/// next poll time, so no source leaves the schedule.
/// </summary>
public sealed class LeasedPoller(
    SourceStore sources,
    SourcePoller poller,
    LeaseOwner owner,
    TimeProvider clock,
    IOptions<IngestionOptions> options,
    StorageHealth storage,
    ILogger<LeasedPoller> logger)
{
    /// <summary>How long "poll now" waits for a source another process is polling.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sources "poll all now" claims per poll slot in one write. A claim is a write turn of its own: claimed four at a
    /// time, an all-304 <c>syndication poll</c> of 1,000 feeds spent a fifth of its write turns on claims
    /// (tests/load/README.md, "The all-304 cycle, round three").
    /// </summary>
    internal const int ClaimedPerSlot = 8;

    public TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>Takes up to <paramref name="limit"/> due sources for this process.</summary>
    public Task<IReadOnlyList<Source>> ClaimDueAsync(int limit, CancellationToken cancellationToken) =>
        sources.ClaimDueAsync(owner.Name, Lease, limit, cancellationToken);

    /// <summary>
    /// Polls one source now, whatever its schedule, once no other process is polling it (waiting at most
    /// <see cref="Patience"/>); null when there is no such active source, or it stayed busy.
    /// </summary>
    public async Task<PollReport?> PollNowAsync(long id, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        while (true)
        {
            if (await sources.ClaimAsync(id, owner.Name, Lease, cancellationToken) is { } source)
            {
                return await PollClaimedAsync(source, cancellationToken);
            }
            if ((await sources.GetAsync(id, cancellationToken)) is not { IsActive: true } || clock.GetElapsedTime(started) > Patience)
            {
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellationToken);
        }
    }

    /// <summary>
    /// Polls each of these sources now, <paramref name="slots"/> at a time, as <see cref="PollNowAsync"/> polls one, and
    /// hands each report (null as there) to <paramref name="finished"/> as it comes. They are claimed
    /// <see cref="ClaimedPerSlot"/> per slot in one write, when a poll slot asks for one and none is claimed yet; one
    /// claimed a third of a lease ago or more has its lease renewed before its poll begins, and one whose lease another
    /// process took meanwhile waits with those another process held at the claim: they are polled last, each waiting
    /// for its lease as <see cref="PollNowAsync"/> does. A claimed source left unpolled (stopping) is released.
    /// </summary>
    public async Task PollAllNowAsync(IReadOnlyList<long> ids, int slots, Action<long, PollReport?> finished, CancellationToken cancellationToken)
    {
        var pending = new Queue<long>(ids);
        var claimed = new Queue<(Source Source, long ClaimedAt)>();
        var held = new List<long>();
        using var claiming = new SemaphoreSlim(1, 1);
        async Task<Source?> NextAsync()
        {
            await claiming.WaitAsync(cancellationToken);
            try
            {
                while (true)
                {
                    while (claimed.Count == 0 && pending.Count > 0)
                    {
                        var batch = new List<long>(slots * ClaimedPerSlot);
                        while (batch.Count < slots * ClaimedPerSlot && pending.TryDequeue(out var id))
                        {
                            batch.Add(id);
                        }
                        var got = await sources.ClaimAsync(batch, owner.Name, Lease, cancellationToken);
                        var at = clock.GetTimestamp();
                        foreach (var source in got)
                        {
                            claimed.Enqueue((source, at));
                        }
                        held.AddRange(batch.Except(got.Select(source => source.Id)));
                    }
                    if (!claimed.TryDequeue(out var next))
                    {
                        return null;
                    }
                    // Waited behind slow polls: its lease is made whole again, or it is left for whoever took it meanwhile.
                    if (clock.GetElapsedTime(next.ClaimedAt) < Lease / 3
                        || await sources.RenewLeaseAsync(next.Source.Id, owner.Name, Lease, cancellationToken))
                    {
                        return next.Source;
                    }
                    held.Add(next.Source.Id);
                }
            }
            finally
            {
                claiming.Release();
            }
        }
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, slots)).Select(async _ =>
            {
                while (await NextAsync() is { } source)
                {
                    finished(source.Id, await PollClaimedAsync(source, cancellationToken));
                }
            }));
        }
        finally
        {
            foreach (var (source, _) in claimed)
            {
                await ReleaseAsync(source.Id, null);
            }
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, slots), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(held, parallel, async (id, token) => finished(id, await PollNowAsync(id, token)));
    }

    /// <summary>Polls a source this process has claimed; null when the poll failed on our side (logged, and rescheduled).</summary>
    public async Task<PollReport?> PollClaimedAsync(Source source, CancellationToken cancellationToken)
    {
        using var stopRenewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(source.Id, stopRenewing.Token);
        try
        {
            return await poller.PollAsync(source, owner.Name, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the source keeps its place in the schedule, and another node may take it at once.
            await ReleaseAsync(source.Id, null);
            throw;
        }
        catch (Exception error) when (storage.Observe(error) is { } failure)
        {
            logger.LogWarning("Poll of source {SourceId} could not be stored: {Problem}", source.Id, failure.Problem);
            await ReleaseAsync(source.Id, clock.GetUtcNow().AddMinutes(options.Value.DefaultIntervalMinutes));
            return null;
        }
        catch (Exception error)
        {
            // A fault of ours (not the source's) must not drop the source from the schedule.
            logger.LogError(error, "Poll of source {SourceId} failed unexpectedly", source.Id);
            await ReleaseAsync(source.Id, clock.GetUtcNow().AddMinutes(options.Value.DefaultIntervalMinutes));
            return null;
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
        }
    }

    private async Task RenewAsync(long id, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Lease / 3, clock);
        try
        {
            while (await TickAsync(timer, cancellationToken))
            {
                if (!await sources.RenewLeaseAsync(id, owner.Name, Lease, cancellationToken))
                {
                    // Our lease ran out (a stall longer than the lease) and may be another node's now; the poll goes on
                    // and its entries are stored once whoever saves first.
                    logger.LogWarning("Lost the poll lease on source {SourceId}", id);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception error) when (storage.Observe(error) is not null)
        {
            // The poll will meet the same failure when it saves, and say so there.
        }
    }

    /// <summary>
    /// The timer's next tick; false once <paramref name="cancellationToken"/> stops it. Every poll ends by stopping its
    /// renewal, so the stop is the common case: it is not thrown (a throw per poll was ~3 % of the CPU samples of an all-304
    /// <c>syndication poll</c>).
    /// </summary>
    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        var tick = timer.WaitForNextTickAsync(cancellationToken);
        if (tick.IsCompleted)
        {
            return !tick.IsCanceled && tick.Result;
        }
        var pending = tick.AsTask();
        await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return !pending.IsCanceled && await pending;
    }

    private async Task ReleaseAsync(long id, DateTimeOffset? nextPoll)
    {
        try
        {
            await sources.ReleaseLeaseAsync(id, owner.Name, nextPoll, CancellationToken.None);
        }
        catch (Exception error) when (storage.Observe(error) is not null)
        {
            // Unreleased, the lease simply runs out.
        }
    }
}
