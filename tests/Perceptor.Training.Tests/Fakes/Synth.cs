using Perceptor.Training.Data;

namespace Perceptor.Training.Tests.Fakes;

/// <summary>Speech-like test signals: harmonic bursts with pauses, plus white noise for the noisy side.</summary>
internal static class Synth
{
    public static ClipPair Pair(string name, double seconds, int seed, bool silentClean = false, double snrDb = 5)
    {
        int n = (int)(seconds * 16000);
        var random = new Random(seed);
        var clean = new float[n];
        if (!silentClean)
        {
            double f0 = 100 + random.Next(100);
            for (int i = 0; i < n; i++)
            {
                double t = i / 16000.0;
                double envelope = Math.Max(0, Math.Sin(2 * Math.PI * 2.5 * t + seed)); // ~200 ms bursts with pauses
                double v = 0;
                for (int h = 1; h <= 8; h++)
                {
                    v += Math.Sin(2 * Math.PI * f0 * h * t) / h;
                }

                clean[i] = (float)(0.1 * envelope * v);
            }
        }

        double cleanPower = silentClean ? 1e-4 : clean.Average(x => (double)x * x);
        double noiseStd = Math.Sqrt(cleanPower / Math.Pow(10, snrDb / 10));
        var noisy = new float[n];
        for (int i = 0; i < n; i++)
        {
            double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            noisy[i] = (float)(clean[i] + noiseStd * g);
        }

        return new ClipPair(name, clean, noisy);
    }

    public static IReadOnlyList<ClipPair> Pairs(int count, double seconds, int seed) =>
        Enumerable.Range(0, count).Select(i => Pair($"clip{i:000}", seconds * (0.8 + 0.1 * (i % 4)), seed + i)).ToArray();
}
