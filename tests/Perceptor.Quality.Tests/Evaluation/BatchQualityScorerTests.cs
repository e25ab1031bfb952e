using Perceptor.Quality.Evaluation;
using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Tests.Evaluation;

public class BatchQualityScorerTests
{
    private static readonly QualityScorerOptions Options = new() { Pesq = (_, _, _) => PesqResult.Success(2.0) };

    private static List<QualityPair> Pairs()
    {
        return VoiceBank.PublishedMetrics.Take(6).Select(r =>
        {
            var c = VoiceBank.Clean(r.Name);
            var n = VoiceBank.Noisy(r.Name);
            return new QualityPair(r.Name, c.Samples.AsMemory(0, 24000), n.Samples.AsMemory(0, 24000), 16000);
        }).ToList();
    }

    [Fact]
    public void Results_come_back_in_input_order_and_match_single_threaded_scoring()
    {
        var pairs = Pairs();
        int last = 0;
        var progress = new SyncProgress(v => last = Math.Max(last, v));
        var batch = BatchQualityScorer.Score(pairs, Options, maxDegreeOfParallelism: 3, progress: progress);
        Assert.Equal(pairs.Count, batch.Length);
        Assert.Equal(pairs.Count, last);
        var single = new QualityScorer(Options);
        for (int i = 0; i < pairs.Count; i++)
        {
            var expected = single.Score(pairs[i].Clean.Span, pairs[i].Processed.Span, 16000);
            Assert.Equal(expected, batch[i]);
        }
    }

    [Fact]
    public void Cancellation_stops_the_batch()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            BatchQualityScorer.Score(Pairs(), Options, cancellationToken: cts.Token));
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        private readonly object _gate = new();

        public void Report(int value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
