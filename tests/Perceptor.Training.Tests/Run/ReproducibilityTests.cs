using Perceptor.Diagnostics.RunLog;
using System.Globalization;
using System.Text.Json.Nodes;
using Perceptor.Training.Run;
using Perceptor.Training.Tests.Fakes;

namespace Perceptor.Training.Tests;

/// <summary>
/// Same seed, same settings, same run: a short training run of the delivered tiny model on two torch threads, repeated,
/// must log the same records (all but wall-clock fields) every time, also while garbage collections and finalizers
/// run at arbitrary points of each step, as they do in a loaded process.
/// </summary>
[Collection(TorchCollection.Name)]
public class ReproducibilityTests
{
    // Wall-clock fields (and the folder name) differ between runs by nature; everything else follows from the seed and the data.
    private static readonly HashSet<string> ClockFields = new(StringComparer.Ordinal) { "time", "run", "step_seconds", "seconds", "eval_seconds" };

    private static List<string> RunOnce(bool collectGarbage)
    {
        string run = TestRuns.TempDir();
        var config = TestRuns.Config("runtime.threads=2", "train.epochs=1", "train.maxBatches=3", "train.cropSeconds=1", "eval.maxFiles=1",
            "probe.calibrationClips=1", "probe.gradBalanceEvery=2", "pesq.failures=mask");
        using var stop = new CancellationTokenSource();
        // Collections at arbitrary moments, each followed by the finalizers it queued: what a loaded process does at
        // random, here all the time, so a native object freed by a finalizer while libtorch still reads it shows up.
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
                Thread.Sleep(1);
            }
        }) { IsBackground = true };
        if (collectGarbage)
        {
            collector.Start();
        }

        try
        {
            TrainingLoop.Run(new TrainingRequest { Config = config, DataDir = "memory", RunDir = run }, null, TestRuns.Hooks(delivered: true), default);
        }
        finally
        {
            stop.Cancel();
            if (collectGarbage)
            {
                collector.Join();
            }
        }

        return File.ReadLines(Path.Combine(run, "metrics.jsonl")).Select(WithoutClock).ToList();
    }

    private static string WithoutClock(string line)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        foreach (string field in node.Select(p => p.Key).Where(ClockFields.Contains).ToList())
        {
            node.Remove(field);
        }

        return node.ToJsonString();
    }

    [Fact]
    public void Repeated_seeded_runs_log_identical_records()
    {
        int repeats = int.Parse(Environment.GetEnvironmentVariable("PERCEPTOR_REPRO_REPEATS") ?? "3", CultureInfo.InvariantCulture);
        var first = RunOnce(collectGarbage: false);
        Assert.Contains(first, l => l.Contains("\"type\":\"step\"", StringComparison.Ordinal));
        Assert.DoesNotContain(first, l => l.Contains("\"nonfinite\":true", StringComparison.Ordinal));
        for (int r = 0; r < repeats; r++)
        {
            var again = RunOnce(collectGarbage: true);
            Assert.Equal(first.Count, again.Count);
            for (int i = 0; i < first.Count; i++)
            {
                Assert.True(first[i] == again[i], $"repeat {r + 1}, line {i + 1} differs:\n{first[i]}\n{again[i]}");
            }
        }
    }
}
