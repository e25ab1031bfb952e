using System.Text.Json.Nodes;
using Perceptor.Cli;
using Perceptor.Tests;

namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor experiment --init-generator/--init-discriminator</c> from the command line.</summary>
public sealed class ExperimentInitCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "perceptor-cli-exp-init-" + Guid.NewGuid().ToString("N"));

    public ExperimentInitCommandTests() => Directory.CreateDirectory(Path.Combine(_root, "data"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private int Experiment(string output, params string[] extra) => Program.BuildRoot().Parse(
        ["experiment", "--data", Path.Combine(_root, "data"), "--out", output, "--arms", "baseline,mask", "--seeds", "1,2", "--emit", "slurm", .. extra])
        .Invoke(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });

    [Fact]
    public void The_reference_trainers_generator_weights_reach_every_task_and_the_manifest_keeps_their_hash()
    {
        string weights = TestData.Path("pytorch-cmgan", "generator_c16_seed3.pt");
        string output = Path.Combine(_root, "exp");

        Assert.Equal(0, Experiment(output, "--init-generator", weights));

        string script = File.ReadAllText(Path.Combine(output, "submit-slurm.sh"));
        Assert.Equal(4, script.Split("--set 'model.initGenerator=" + weights + "'").Length - 1);
        var recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "experiment.json")))!["initial_weights"]!.AsArray().Single()!;
        Assert.Equal(weights, (string?)recorded["path"]);
        Assert.Equal(64, ((string?)recorded["sha256"])!.Length);
        Assert.Contains("16 channels", (string?)recorded["network"]);
    }

    [Fact]
    public void Weights_of_the_wrong_network_or_no_file_exit_2_before_anything_is_written()
    {
        string output = Path.Combine(_root, "bad");
        Assert.Equal(2, Experiment(output, "--init-generator", TestData.Path("pytorch-cmgan", "discriminator_seed0.pt")));
        Assert.Equal(2, Experiment(output, "--init-generator", TestData.Path("pytorch-cmgan", "generator_c16_seed3.pt"),
            "--init-discriminator", Path.Combine(_root, "missing.pt")));
        Assert.False(Directory.Exists(output));
    }
}
