using CsCheck;
using LandMap.Data.Layers;

namespace LandMap.Data.Tests.Layers;

/// <summary>
/// The import's read-ahead hands every item over in order, rethrows the reader's exception after the items before it,
/// and stops the reader when the writer stops early: otherwise a failed import would not roll back, or would leave a
/// thread reading a file nobody wants.
/// </summary>
public sealed class ReadAheadTests
{
    [Fact]
    public void EveryItemComesInOrderWhateverTheBatchSize()
    {
        Gen.Select(Gen.Int[0, 3000], Gen.Int[1, 300], Gen.Int[1, 5]).Sample((count, batchSize, batches) =>
        {
            var items = ReadAhead.Of(Enumerable.Range(0, count), CancellationToken.None, batchSize, batches).ToList();
            Assert.Equal(Enumerable.Range(0, count), items);
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void TheReadersExceptionReachesTheConsumerAfterTheItemsBeforeIt()
    {
        static IEnumerable<int> Truncated()
        {
            for (var i = 0; i < 1000; i++) yield return i;
            throw new InvalidDataException("record 1000 is cut short");
        }

        var seen = new List<int>();
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in ReadAhead.Of(Truncated(), CancellationToken.None, batchSize: 64)) seen.Add(item);
        });

        Assert.Equal("record 1000 is cut short", e.Message);
        Assert.Contains(nameof(Truncated), e.StackTrace);
        Assert.Equal(Enumerable.Range(0, 1000), seen);
    }

    [Fact]
    public void AConsumerThatStopsEarlyStopsTheReaderBeforeItReturns()
    {
        var read = 0;
        var closed = false;
        IEnumerable<int> Endless()
        {
            try
            {
                while (true) yield return Interlocked.Increment(ref read);
            }
            finally
            {
                closed = true;
            }
        }

        foreach (var item in ReadAhead.Of(Endless(), CancellationToken.None, batchSize: 16, batches: 2))
            if (item == 100) break;

        // The reader's file is closed by the time the consumer goes on, and it read at most a few batches ahead.
        Assert.True(closed);
        Assert.InRange(read, 100, 100 + 16 * 4);
    }

    [Fact]
    public void CancellingStopsBothSides()
    {
        using var cancel = new CancellationTokenSource();
        var closed = false;
        IEnumerable<int> Endless()
        {
            try
            {
                for (var i = 0; ; i++) yield return i;
            }
            finally
            {
                closed = true;
            }
        }

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var item in ReadAhead.Of(Endless(), cancel.Token, batchSize: 8))
                if (item == 50) cancel.Cancel();
        });
        Assert.True(closed);
    }

    [Fact]
    public void HeavyItemsCloseABatchBeforeItsCountSoFewWait()
    {
        var read = 0;
        IEnumerable<byte[]> Heavy()
        {
            // 1 MiB each, as a 100,000-vertex polygon's WKB is.
            while (true)
            {
                Interlocked.Increment(ref read);
                yield return new byte[1 << 20];
            }
        }

        using var first = ReadAhead.Of(Heavy(), CancellationToken.None, batchSize: 256, batches: 2, weigh: b => b.Length, batchWeight: 4 << 20).GetEnumerator();
        Assert.True(first.MoveNext());
        Thread.Sleep(500);

        // Two waiting batches of 4 items, the one being filled and the one being read: far under the 768 the counts allow.
        Assert.InRange(Volatile.Read(ref read), 4, 20);
    }
}
