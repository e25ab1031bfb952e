namespace Perceptor.Quality.Evaluation;

/// <summary>
/// Maps a list over worker threads, each with its own state (a metrics workspace), keeping results in input order.
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
        int done = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, items.Count, options, createState, (i, loop, state) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = work(state, items[i]);
            completed?.Invoke(Interlocked.Increment(ref done), i);
            return state;
        }, static _ => { });
        return results;
    }
}
