namespace Perceptor.Quality.Evaluation;

/// <summary>
/// Maps a list over a fixed set of worker threads, each with its own state (a metrics workspace, created once per
/// worker), handing out items one at a time so uneven file lengths balance; results keep the input order.
/// <c>completed</c> is called on the worker thread with the count finished so far and the index just finished.
/// </summary>
internal static class OrderedParallel
{
    public static TOut[] Map<TIn, TOut, TState>(
        IReadOnlyList<TIn> items,
        Func<TState> createState,
        Func<TState, TIn, TOut> work,
        int maxDegreeOfParallelism,
        Action<int, int>? completed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var results = new TOut[items.Count];
        int workers = Math.Min(items.Count, maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount);
        int next = -1;
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellationToken };
        Parallel.For(0, workers, options, _ =>
        {
            var state = createState();
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = work(state, items[i]);
                completed?.Invoke(Interlocked.Increment(ref done), i);
            }
        });
        return results;
    }
}
