using System.Diagnostics;
using System.Runtime.InteropServices;
using Perceptor.Quality.Evaluation;
using Perceptor.Training.Enhance;

namespace Perceptor.Training.Rescore;

/// <summary>
/// Scores one generator checkpoint on the utterances of a <see cref="RescoreData"/>: each noisy file enhanced whole
/// with the reference's full-utterance procedure (<see cref="SpeechEnhancer"/>, TorchSharp on the torch threads),
/// then the evaluation table of every enhanced file against its clean reference, on all cores. A file the generator
/// cannot enhance, or enhances into non-finite samples, is a row with its problem; the rest are scored.
/// </summary>
internal static class CheckpointRescorer
{
    /// <summary>Loads the generator of <paramref name="checkpoint"/> (throws <see cref="Checkpoints.CheckpointException"/> when unusable) and scores it.</summary>
    public static CachedScore Score(RescoreCheckpoint checkpoint, RescoreData data, RescoreRequest request, Action<RescorePhase, int, int>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var enhancer = SpeechEnhancer.Load(checkpoint.Path, request.Device, request.ChunkSeconds);
        var enhanced = new float[]?[data.Clips.Count];
        var problems = new string?[data.Clips.Count];
        for (int i = 0; i < data.Clips.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var clip = data.Clips[i];
            try
            {
                var samples = enhancer.Enhance(clip.Noisy);
                if (samples.Any(v => !float.IsFinite(v)))
                {
                    problems[i] = "the generator's output holds NaN or infinite samples";
                }
                else
                {
                    enhanced[i] = samples;
                }
            }
            catch (Exception e) when (e is ExternalException or ArgumentException or InvalidOperationException)
            {
                problems[i] = $"could not be enhanced ({e.Message})";
            }

            progress?.Invoke(RescorePhase.Enhancing, i + 1, data.Clips.Count);
        }

        double enhanceSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var rows = ScoreRows(data, i => enhanced[i], i => problems[i], request.Threads, (done, total) => progress?.Invoke(RescorePhase.Scoring, done, total), ct);
        return new CachedScore(checkpoint.Sha256, data.Key, checkpoint.Path, rows, enhanceSeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The noisy input scored against the clean references (the reference row of the table).</summary>
    public static CachedScore ScoreNoisy(RescoreData data, int threads, Action<int, int>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var rows = ScoreRows(data, i => data.Clips[i].Noisy, _ => null, threads, progress, ct);
        return new CachedScore("noisy", data.Key, "noisy", rows, 0, clock.Elapsed.TotalSeconds);
    }

    private static List<RescoredFileRow> ScoreRows(RescoreData data, Func<int, float[]?> processed, Func<int, string?> problem, int threads,
        Action<int, int>? progress, CancellationToken ct)
    {
        var indices = Enumerable.Range(0, data.Clips.Count).Where(i => processed(i) is not null).ToList();
        var pairs = indices.Select(i => new QualityPair(data.Clips[i].Name, data.Clips[i].Clean, processed(i)!, 16000)).ToList();
        var reporter = progress is null ? null : new Reporter(done => progress(done, pairs.Count));
        var scores = BatchQualityScorer.Score(pairs, null, threads, reporter, ct);
        var byIndex = indices.Select((i, k) => (i, k)).ToDictionary(p => p.i, p => scores[p.k]);
        return Enumerable.Range(0, data.Clips.Count)
            .Select(i => byIndex.TryGetValue(i, out var s)
                ? RescoredFileRow.Of(data.Clips[i].Name, s)
                : RescoredFileRow.Failed(data.Clips[i].Name, problem(i) ?? "not scored"))
            .ToList();
    }

    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
