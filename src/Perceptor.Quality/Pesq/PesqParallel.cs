namespace Perceptor.Quality.Pesq;

/// <summary>
/// Runs one scoring step per index on up to N threads, each thread with its own <see cref="PesqWorkspace"/>;
/// callers write results by index, so output order is input order whatever the scheduling.
/// </summary>
internal static class PesqParallel
{
    /// <summary>
    /// Calls <paramref name="body"/> for every index in [0, <paramref name="count"/>), reporting the number
    /// finished to <paramref name="progress"/>. <paramref name="maxDegreeOfParallelism"/> &lt;= 0 means all cores.
    /// </summary>
    public static void For(int count, int maxDegreeOfParallelism, IProgress<int>? progress,
        Action<int, PesqWorkspace> body, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        int finished = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Min(threads, count),
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, count, options, () => new PesqWorkspace(), (i, _, workspace) =>
        {
            body(i, workspace);
            progress?.Report(Interlocked.Increment(ref finished));
            return workspace;
        }, _ => { });
    }
}
