using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace LandMap.Data.Layers;

/// <summary>
/// Enumerates a sequence on a worker thread while the caller consumes it, handing items over in batches through a bounded
/// queue: a layer import reads, repairs, projects and encodes features on one core while the store writes on the other.
/// Memory stays bounded: a batch closes at <c>batchSize</c> items or once their <c>weigh</c>t (bytes) reaches
/// <c>batchWeight</c>, and at most <c>batches</c> batches wait. An exception of the sequence is rethrown to the consumer,
/// with its stack, when it reaches that point; a consumer that stops early stops the worker before returning.
/// </summary>
internal static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, CancellationToken cancellationToken, int batchSize = 256, int batches = 8,
        Func<T, long>? weigh = null, long batchWeight = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchWeight, 1);
        return Enumerate(source, cancellationToken, batchSize, batches, weigh ?? (_ => 0), batchWeight);
    }

    private static IEnumerable<T> Enumerate<T>(IEnumerable<T> source, CancellationToken cancellationToken, int batchSize, int batches,
        Func<T, long> weigh, long batchWeight)
    {
        using var queue = new BlockingCollection<List<T>>(batches);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? failure = null;
        var worker = Task.Factory.StartNew(() =>
        {
            var batch = new List<T>(batchSize);
            var weight = 0L;
            try
            {
                try
                {
                    foreach (var item in source)
                    {
                        batch.Add(item);
                        weight += weigh(item);
                        if (batch.Count < batchSize && weight < batchWeight) continue;
                        queue.Add(batch, stop.Token);
                        (batch, weight) = (new List<T>(batchSize), 0);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // The items read before the failure still go first, as a plain enumeration would have given them.
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                if (batch.Count > 0) queue.Add(batch, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped (or the import was cancelled): nothing more to hand over.
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
                foreach (var item in batch)
                    yield return item;
            worker.Wait(CancellationToken.None);
            failure?.Throw();
        }
        finally
        {
            // Early exit (the store failed, or the caller broke off): stop the worker before the queue goes.
            stop.Cancel();
            worker.Wait(CancellationToken.None);
        }
    }
}
