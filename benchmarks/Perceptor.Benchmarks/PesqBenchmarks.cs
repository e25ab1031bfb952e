using BenchmarkDotNet.Attributes;
using Perceptor.Audio;
using Perceptor.Quality.Pesq;

namespace Perceptor.Benchmarks;

/// <summary>
/// PESQ per pair at 16 kHz (2, 3.5 and 10 s; wb and nb) and a batch on all cores. Pairs are cut from the VoiceBank
/// samples (PERCEPTOR_TEST_DATA or ../shared/data beside the repository).
/// <c>dotnet run -c Release --project benchmarks/Perceptor.Benchmarks -- --filter '*Pesq*'</c>
/// </summary>
[MemoryDiagnoser]
public class PesqBenchmarks
{
    private float[] _clean = [];
    private float[] _noisy = [];
    private List<PesqPair> _batch = [];

    [Params(2.0, 3.5, 10.0)]
    public double Seconds { get; set; }

    [Params(PesqMode.Wideband, PesqMode.Narrowband)]
    public PesqMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string root = Environment.GetEnvironmentVariable("PERCEPTOR_TEST_DATA")
            ?? Path.Combine(FindRepository(), "..", "shared", "data");
        string folder = Path.Combine(root, "voicebank-samples");
        var clean = new List<float>();
        var noisy = new List<float>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(folder, "clean"), "*.wav").Order(StringComparer.Ordinal))
        {
            clean.AddRange(WavFile.Read(file).Samples);
            noisy.AddRange(WavFile.Read(Path.Combine(folder, "noisy", Path.GetFileName(file))).Samples);
        }

        int length = (int)(Seconds * 16000);
        _clean = clean.GetRange(0, length).ToArray();
        _noisy = noisy.GetRange(0, length).ToArray();
        _batch = Enumerable.Range(0, 16)
            .Select(i => new PesqPair(clean.GetRange(i * 8000, length).ToArray(), noisy.GetRange(i * 8000, length).ToArray(), 16000))
            .ToList();
    }

    [Benchmark]
    public double Pair() => PesqScorer.Score(_clean, _noisy, 16000, Mode).Score;

    [Benchmark]
    public int BatchOf16AllCores() => PesqScorer.ScoreBatch(_batch, Mode).Length;

    private static string FindRepository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Perceptor.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find Perceptor.slnx above " + AppContext.BaseDirectory);
    }
}
