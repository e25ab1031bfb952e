using System.Diagnostics;
using System.Globalization;
using Perceptor.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Measure;

/// <summary>
/// Reports, per preset, the wall time of one generator forward+backward and of one CMGAN-style training
/// iteration's network work (generator loss with the discriminator term, then the discriminator loss; no PESQ, no
/// optimiser step), as medians over several repeats after a warm-up, and the peak resident memory of each.
/// Linux only for memory: the peak (VmHWM) is reset through /proc/self/clear_refs before each preset.
/// Usage: <c>dotnet run -c Release --project tools/Perceptor.Models.Measure -- [preset ...] [--batch N]
/// [--seconds S] [--repeats R] [--threads N]</c>.
/// </summary>
internal static class Program
{
    private const int SampleRate = 16000;

    public static int Main(string[] args)
    {
        var presets = new List<string>();
        int batch = 1, repeats = 5;
        double seconds = 2.0;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeats": repeats = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--threads": set_num_threads(int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                default: presets.Add(args[i]); break;
            }
        }

        if (presets.Count == 0)
        {
            presets.AddRange(ModelPresets.All.Select(p => p.Name).Reverse());
        }

        Console.WriteLine($"threads {get_num_threads()}, batch {batch}, {seconds} s clips, {repeats} repeats after 1 warm-up");
        Console.WriteLine("preset   G params   D params   G fwd+bwd ms (median, min-max)   G+D iteration ms (median, min-max)   peak RSS MiB");
        foreach (var name in presets)
        {
            Measure(ModelPresets.Get(name), batch, seconds, repeats);
        }

        return 0;
    }

    private static void Measure(ModelPreset preset, int batch, double seconds, int repeats)
    {
        manual_seed(1);
        GC.Collect();
        ResetPeakRss();
        using var generator = new CmganGenerator(preset.Generator);
        using var discriminator = new MetricDiscriminator(preset.Discriminator);
        using var frontEnd = new SpectralFrontEnd();
        generator.train();
        discriminator.train();
        long length = (long)(seconds * SampleRate);
        using var clean = randn(batch, length).MulScalar(0.1);
        using var noisy = clean.Plus(randn(batch, length).MulScalar(0.05));

        var generatorTimes = new List<double>();
        var iterationTimes = new List<double>();
        for (int r = 0; r <= repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            using (NewDisposeScope())
            {
                var (input, _, _) = Prepare(frontEnd, clean, noisy);
                var (real, imag) = generator.call(input);
                var loss = real.Squared().mean().Plus(imag.Squared().mean());
                loss.backward();
            }

            double generatorMs = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            using (NewDisposeScope())
            {
                Iteration(frontEnd, generator, discriminator, clean, noisy);
            }

            double iterationMs = sw.Elapsed.TotalMilliseconds;
            if (r > 0)
            {
                generatorTimes.Add(generatorMs);
                iterationTimes.Add(iterationMs);
            }

            generator.zero_grad();
            discriminator.zero_grad();
        }

        Console.WriteLine(
            $"{preset.Name,-8} {Count(generator),9:N0}  {Count(discriminator),9:N0}   {Summary(generatorTimes),-32} {Summary(iterationTimes),-36} {PeakRssMiB(),8:F0}");
    }

    private static (Tensor Input, Tensor CleanReal, Tensor CleanImag) Prepare(SpectralFrontEnd frontEnd, Tensor clean, Tensor noisy)
    {
        var c = frontEnd.NormalisationFactor(noisy); // [B, 1]
        var (noisyReal, noisyImag) = frontEnd.Compress(frontEnd.Stft(noisy * c)); // [B, F, T]
        var (cleanReal, cleanImag) = frontEnd.Compress(frontEnd.Stft(clean * c)); // [B, F, T]
        var input = stack([noisyReal, noisyImag], 1).transpose(2, 3); // [B, 2, T, F]
        return (input, cleanReal.unsqueeze(1), cleanImag.unsqueeze(1)); // [B, 1, F, T]
    }

    // The network work of one reference iteration (§5.3), PESQ targets replaced by a constant.
    private static void Iteration(SpectralFrontEnd frontEnd, CmganGenerator generator, MetricDiscriminator discriminator, Tensor clean, Tensor noisy)
    {
        var c = frontEnd.NormalisationFactor(noisy);
        var (input, cleanReal, cleanImag) = Prepare(frontEnd, clean, noisy);
        var (real, imag) = generator.call(input);
        var estReal = real.transpose(2, 3); // [B, 1, F, T]
        var estImag = imag.transpose(2, 3); // [B, 1, F, T]
        var estMag = estReal.Squared().Plus(estImag.Squared()).sqrt();
        var cleanMag = cleanReal.Squared().Plus(cleanImag.Squared()).sqrt();
        var estAudio = frontEnd.Istft(frontEnd.Decompress(estReal.squeeze(1), estImag.squeeze(1))); // [B, L]
        var lossRi = (estReal - cleanReal).Squared().mean().Plus((estImag - cleanImag).Squared().mean());
        var lossMag = (estMag - cleanMag).Squared().mean();
        var lossTime = (estAudio - clean * c).abs().mean();
        var lossGan = discriminator.call(cleanMag, estMag).SubScalar(1).Squared().mean();
        var lossG = lossRi.MulScalar(0.1).Plus(lossMag.MulScalar(0.9)).Plus(lossTime.MulScalar(0.2)).Plus(lossGan.MulScalar(0.05));
        lossG.backward();

        using var half = 0.5f.ToScalar();
        var target = full(estMag.shape[0], 1, half);
        var lossD = discriminator.call(cleanMag, cleanMag).SubScalar(1).Squared().mean()
            .Plus((discriminator.call(cleanMag, estMag.detach()) - target).Squared().mean());
        lossD.backward();
    }

    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());

    private static string Summary(List<double> times)
    {
        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        return $"{median:F0} ({times[0]:F0}-{times[^1]:F0})";
    }

    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static double PeakRssMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }
}
