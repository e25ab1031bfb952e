using System.CommandLine;
using Perceptor.Training.Bench;

namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor bench train</c>: which cases it times and how it refuses bad options (nothing is timed here).</summary>
public sealed class TrainBenchCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

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
    public void A_training_key_is_refused_because_only_model_keys_change_what_is_timed()
    {
        var (code, _, err) = Run("bench", "train", "--set", "train.epochs=3");
        Assert.Equal(2, code);
        Assert.Contains("--set train.epochs=3: only model.* keys", err);
    }
}
