using System.CommandLine;
using Perceptor.Training.Bench;

namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor bench train</c>: which cases it times and how it refuses bad options (nothing is timed here).</summary>
public sealed class TrainBenchCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CapturedRun.Of(args);


    [Fact]
    public void Every_preset_is_timed_at_every_batch_size_presets_first()
    {
        var cases = TrainBenchPlan.Cases(["small", "tiny"], [4, 1], 2.0, steps: 3, warmup: 1, threads: 2, ["model.channels=16"]);

        Assert.Equal([("small", 4), ("small", 1), ("tiny", 4), ("tiny", 1)], cases.Select(c => (c.Preset, c.BatchSize)));
        Assert.All(cases, c => Assert.Equal((3, 1, 2, 2.0), (c.Steps, c.Warmup, c.Threads, c.CropSeconds)));
        Assert.Equal("small[channels=16]", cases[0].Label);
    }

    [Fact]
    public void Without_presets_or_batch_sizes_the_defaults_are_timed()
    {
        var cases = TrainBenchPlan.Cases(null, [], 2.0, 5, 1, 0, null);

        Assert.Equal(TrainBenchPlan.DefaultPresets.Count * TrainBenchPlan.DefaultBatchSizes.Count, cases.Count);
        Assert.Equal(TrainBenchPlan.DefaultPresets, cases.Select(c => c.Preset).Distinct());
        Assert.Equal("tiny", cases[0].Label);
    }

    [Theory]
    [InlineData("--steps", "0")]
    [InlineData("--warmup", "-1")]
    [InlineData("--crop-seconds", "0.25")]
    public void An_out_of_range_count_or_crop_exits_with_2_before_timing_anything(string option, string value)
    {
        var (code, output, err) = Run("bench", "train", option, value);
        Assert.Equal(2, code);
        Assert.Contains("--steps >= 1, --warmup >= 0, --threads >= 0, --crop-seconds >= 0.5", err);
        Assert.Equal("", output);
    }

    [Fact]
    public void The_table_has_a_row_per_case_under_its_header_and_says_how_the_cases_ran()
    {
        var cases = TrainBenchPlan.Cases(["tiny"], [1, 4], 2.0, steps: 3, warmup: 1, threads: 2, null);
        TrainBenchResult Result(TrainBenchCase c, double median) => new(c, 3, median, median - 10, median + 10, 12, 1_500_000_000, 2, 40_000, 9_000)
        {
            MedianUserSeconds = 0.25, MedianSystemSeconds = 0.05, Tuning = "jemalloc, OMP_NUM_THREADS=2",
        };
        using var output = new StringWriter();

        TrainBenchTable.Write(output, cases, [Result(cases[0], 100), Result(cases[1], 300)]);

        string[] lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("", lines[0]);
        Assert.StartsWith("preset  batch  G params  median ms/step", lines[1], StringComparison.Ordinal);
        Assert.Equal(["tiny", "1", "40000", "100", "(90-110)", "0.25", "0.05", "12", "1.50", "GB", "2"],
            lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["tiny", "4", "40000", "300", "(290-310)"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5));
        Assert.Equal($"2 s crops, 3 timed steps after 1 warm-up; {Environment.ProcessorCount} cores", lines[4]);
        Assert.Equal("runtime: jemalloc, OMP_NUM_THREADS=2", lines[5]);
        Assert.Equal("", lines[6]);
    }

    [Fact]
    public void A_training_key_is_refused_because_only_model_keys_change_what_is_timed()
    {
        var (code, _, err) = Run("bench", "train", "--set", "train.epochs=3");
        Assert.Equal(2, code);
        Assert.Contains("--set train.epochs=3: only model.* keys", err);
    }
}
