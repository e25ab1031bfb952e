using Perceptor.Cli;

namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor report</c> over logs: the options reach the comparison, and bad ones exit 2.</summary>
public sealed class ReportLogsCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perceptor-cli-report-logs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static int Report(params string[] args) => Program.BuildRoot().Parse(["report", .. args])
        .Invoke(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });

    [Fact]
    public void Two_csv_logs_with_a_label_are_compared_into_the_folder_given_and_bad_labels_exit_2()
    {
        string before = Path.Combine(_root, "before.csv");
        string after = Path.Combine(_root, "after.csv");
        File.WriteAllText(before, "epoch,pesq\n1,2.4\n2,2.7\n3,2.0\n4,1.9\n5,1.9\n");
        File.WriteAllText(after, "epoch,pesq\n1,2.4\n2,2.7\n3,2.8\n4,2.8\n5,2.9\n");
        string output = Path.Combine(_root, "cmp");

        Assert.Equal(0, Report(before, after, "--label", "after=pesq.failures=mask", "--out", output));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));

        Assert.Equal(2, Report(before, after, "--label", "after"));
        Assert.Equal(2, Report(before, after, "--label", "nobody=pesq.failures=mask"));
    }
}
