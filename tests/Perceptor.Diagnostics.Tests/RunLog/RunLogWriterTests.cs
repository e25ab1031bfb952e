using Perceptor.Diagnostics.RunLog;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.RunLog;

public class RunLogWriterTests
{
    [Fact]
    public void Two_writers_of_one_log_append_whole_lines_and_lose_none()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "metrics.jsonl");
        using (var a = new RunLogWriter(file))
        using (var b = new RunLogWriter(file))
        {
            // Each writer opened the file at the same end; later writes must still go to the end as it is then.
            for (int i = 0; i < 20; i++)
            {
                a.Write(new EvalRecord { Epoch = i, Method = "full-utterance", Pesq = 2.5 });
                b.Write(new EvalRecord { Epoch = 100 + i, Method = "fixed-crops", Pesq = 1.5 });
            }
        }

        var log = RunLogReader.Read(file);
        Assert.Empty(log.Problems);
        var epochs = log.OfType<EvalRecord>().Select(e => e.Epoch).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 20).Concat(Enumerable.Range(100, 20)).ToList(), epochs);
    }
}
