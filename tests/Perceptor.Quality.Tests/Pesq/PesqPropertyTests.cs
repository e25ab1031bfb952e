using Perceptor.Audio;
using Perceptor.Quality.Pesq;
using Perceptor.Tests;

namespace Perceptor.Quality.Tests.Pesq;

/// <summary>Properties any PESQ must have, independent of the reference values.</summary>
public class PesqPropertyTests
{
    private static AudioSignal Clean(string name) => WavFile.Read(TestData.Path("voicebank-samples", "clean", name + ".wav"));

    private static AudioSignal Noisy(string name) => WavFile.Read(TestData.Path("voicebank-samples", "noisy", name + ".wav"));

    [Theory]
    [InlineData("p232_005", PesqMode.Wideband, 4.643888)]
    [InlineData("p257_011", PesqMode.Wideband, 4.643888)]
    [InlineData("p232_005", PesqMode.Narrowband, 4.548638)]
    [InlineData("p257_011", PesqMode.Narrowband, 4.548638)]
    public void Identical_signals_score_the_ceiling(string name, PesqMode mode, double ceiling)
    {
        var signal = Clean(name);
        var result = PesqScorer.Score(signal.Span, signal.Span, 16000, mode);
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(ceiling, result.Score, 1e-4);
    }

    [Fact]
    public void Identical_signals_at_8_kHz_score_the_narrowband_ceiling()
    {
        var signal = WavFile.Read(TestData.Path("pesq", "fs8k", "p232_006_clean_8k.wav"));
        Assert.Equal(8000, signal.SampleRate);
        var result = PesqScorer.Score(signal.Span, signal.Span, 8000, PesqMode.Narrowband);
        Assert.Equal(4.548638, result.Score, 1e-4);
    }

    [Fact]
    public void Added_noise_lowers_the_score()
    {
        var clean = Clean("p257_011");
        var noisy = Noisy("p257_011");
        var identical = PesqScorer.Score(clean.Span, clean.Span, 16000, PesqMode.Wideband);
        var degraded = PesqScorer.Score(clean.Span, noisy.Span, 16000, PesqMode.Wideband);
        Assert.True(degraded.Score < identical.Score - 1, $"{degraded.Score} vs {identical.Score}");
    }

    [Theory]
    [InlineData(PesqMode.Wideband, 0.5f)]
    [InlineData(PesqMode.Wideband, 8f)]
    [InlineData(PesqMode.Narrowband, 0.25f)]
    public void A_power_of_two_gain_on_both_signals_leaves_the_score_exactly_unchanged(PesqMode mode, float gain)
    {
        var clean = Clean("p232_003");
        var noisy = Noisy("p232_003");
        var baseline = PesqScorer.Score(clean.Span, noisy.Span, 16000, mode);
        var scaled = PesqScorer.Score(clean.Scale(gain).Span, noisy.Scale(gain).Span, 16000, mode);
        Assert.Equal(baseline.Score, scaled.Score);
    }

    [Theory]
    [InlineData(PesqMode.Wideband, 0.013f)]
    [InlineData(PesqMode.Wideband, 3.7f)]
    [InlineData(PesqMode.Narrowband, 1e-4f)]
    [InlineData(PesqMode.Narrowband, 30000f)]
    public void Any_common_gain_changes_the_score_only_by_float_rounding(PesqMode mode, float gain)
    {
        var clean = Clean("p257_016");
        var noisy = Noisy("p257_016");
        var baseline = PesqScorer.Score(clean.Span, noisy.Span, 16000, mode);
        var scaled = PesqScorer.Score(clean.Scale(gain).Span, noisy.Scale(gain).Span, 16000, mode);
        Assert.True(scaled.IsSuccess);
        Assert.True(Math.Abs(baseline.Score - scaled.Score) < 1e-4, $"{baseline.Score} vs {scaled.Score}");
    }

    [Fact]
    public void Batch_scoring_on_many_threads_matches_sequential_scoring_in_input_order()
    {
        string[] names = ["p232_003", "p232_005", "p232_006", "p257_008", "p257_011", "p257_143"];
        var pairs = new List<PesqPair>();
        foreach (string name in names)
        {
            var clean = Clean(name).Samples;
            var noisy = Noisy(name).Samples;

            // Different lengths so that the threads finish out of order.
            pairs.Add(new PesqPair(clean, noisy, 16000));
            int crop = Math.Min(clean.Length, 20000 + (pairs.Count * 3000));
            pairs.Add(new PesqPair(clean.AsMemory(0, crop), noisy.AsMemory(0, crop), 16000));
        }

        foreach (var mode in new[] { PesqMode.Wideband, PesqMode.Narrowband })
        {
            var sequential = pairs.Select(p => PesqScorer.Score(p.Reference.Span, p.Degraded.Span, p.SampleRate, mode)).ToList();
            int reported = 0;
            var progress = new SynchronousProgress(n => Interlocked.Exchange(ref reported, Math.Max(reported, n)));
            var batch = PesqScorer.ScoreBatch(pairs, mode, maxDegreeOfParallelism: 4, progress);
            Assert.Equal(sequential, batch);
            Assert.Equal(pairs.Count, reported);
        }
    }

    [Fact]
    public void Concurrent_single_scores_from_many_threads_agree()
    {
        var clean = Clean("p232_006").Samples;
        var noisy = Noisy("p232_006").Samples;
        double expected = PesqScorer.Score(clean, noisy, 16000, PesqMode.Wideband).Score;
        var scores = new double[8];
        Parallel.For(0, scores.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => scores[i] = PesqScorer.Score(clean, noisy, 16000, PesqMode.Wideband).Score);
        Assert.All(scores, s => Assert.Equal(expected, s));
    }

    [Fact]
    public void Batch_of_nothing_is_empty()
    {
        Assert.Empty(PesqScorer.ScoreBatch([], PesqMode.Wideband));
    }

    [Fact]
    public void Batch_scoring_honours_cancellation()
    {
        var clean = Clean("p232_003").Samples;
        var pairs = Enumerable.Range(0, 8).Select(_ => new PesqPair(clean, clean, 16000)).ToList();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            PesqScorer.ScoreBatch(pairs, PesqMode.Wideband, cancellationToken: cancelled.Token));
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
