using System.Collections.Concurrent;
using System.Data.Common;

namespace Syndication.Storage.Ingestion;

/// <summary>
/// Records the polls that store no entries (a feed unchanged since the last poll, a failure, an empty feed) several to a
/// write transaction: each caller waits for its own poll's commit, and a poll that finds no batch being written starts
/// one, which takes every poll queued by the time it has the write turn.
/// </summary>
/// <remarks>
/// An all-304 <c>syndication poll</c> of 1,000 feeds held the write turn for most of its polling time, one short
/// transaction per feed, each waiting for the one before (tests/load/README.md, "The all-304 cycle, round three").
/// </remarks>
internal sealed class PollRecorder(Database database)
{
    /// <summary>The most polls one transaction records, so that none waits long for a batch's commit.</summary>
    internal const int MostPerBatch = 64;

    private readonly ConcurrentQueue<QueuedPoll> _queued = new();
    private int _writing;

    /// <summary>Polls waiting for a batch to take them.</summary>
    internal int Queued => _queued.Count;

    /// <summary>Records <paramref name="poll"/> (with no entries stored) once its batch commits; throws what recording it met.</summary>
    public async Task RecordAsync(PollRecord poll)
    {
        var queued = new QueuedPoll(poll);
        _queued.Enqueue(queued);
        WriteIfIdle();
        await queued.Recorded.Task;
    }

    private void WriteIfIdle()
    {
        if (!_queued.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = WriteQueuedAsync();
        }
    }

    // Never throws: every poll it takes is told how its recording ended.
    private async Task WriteQueuedAsync()
    {
        var batch = new List<QueuedPoll>();
        try
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var turn = await database.WriteTurnAsync(CancellationToken.None);
            // Taken only now: the polls that finished while this waited for the turn share its commit.
            Take(batch);
            try
            {
                await WriteAsync(connection, batch);
                batch.ForEach(queued => queued.Recorded.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One poll's failing record must not lose the others': each again on its own.
                foreach (var queued in batch)
                {
                    await WriteAloneAsync(connection, queued);
                }
            }
        }
        catch (Exception failure)
        {
            // A poll's own record failed, or there was no connection or turn (a missing folder, a server gone): the
            // polls of this batch hear why; those queued after it get a batch of their own.
            if (batch.Count == 0)
            {
                Take(batch);
            }
            batch.ForEach(queued => queued.Recorded.TrySetException(failure));
        }
        finally
        {
            // A full fence: a poll queued while this wrote either sees the flag clear or is seen here.
            Interlocked.Exchange(ref _writing, 0);
            WriteIfIdle();
        }
    }

    private void Take(List<QueuedPoll> batch)
    {
        while (batch.Count < MostPerBatch && _queued.TryDequeue(out var next))
        {
            batch.Add(next);
        }
    }

    private async Task WriteAloneAsync(DbConnection connection, QueuedPoll queued)
    {
        try
        {
            await WriteAsync(connection, [queued]);
            queued.Recorded.TrySetResult();
        }
        catch (Exception failure)
        {
            queued.Recorded.TrySetException(failure);
        }
    }

    private async Task WriteAsync(DbConnection connection, IReadOnlyList<QueuedPoll> batch)
    {
        await using var transaction = await database.BeginWriteAsync(connection, CancellationToken.None);
        await using (var record = new PollRecordCommand(connection, transaction, entriesChanged: false))
        {
            foreach (var queued in batch)
            {
                await record.ExecuteAsync(queued.Poll, PollSaveResult.Nothing);
            }
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    private sealed class QueuedPoll(PollRecord poll)
    {
        public PollRecord Poll { get; } = poll;

        // Continued elsewhere, not inside the batch that records it: the next batch must not wait for its caller.
        public TaskCompletionSource Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
