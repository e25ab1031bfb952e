using System.Runtime.InteropServices;
using Perceptor.Audio;
using Perceptor.Training.Data;

namespace Perceptor.Training.Enhance;

/// <summary>
/// Enhances WAV files of any length and rate with a trained generator: each file is read as mono (first channel),
/// resampled to 16 kHz, enhanced with the reference's full-utterance procedure (chunked when long), and written at
/// its own rate or at 16 kHz. A file that cannot be read or enhanced is reported by name and the rest go on.
/// </summary>
public static class FileEnhancer
{
    /// <summary>Runs <paramref name="request"/>; <paramref name="log"/> receives one line per file.</summary>
    public static EnhanceSummary Run(EnhanceRequest request, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var jobs = Jobs(request); // a bad request is refused before the checkpoint is loaded
        using var enhancer = SpeechEnhancer.Load(request.Checkpoint, request.Device, request.ChunkSeconds);
        return Run(jobs, request, enhancer, log, cancellationToken);
    }

    internal static EnhanceSummary Run(EnhanceRequest request, SpeechEnhancer enhancer, Action<string>? log, CancellationToken ct) =>
        Run(Jobs(request), request, enhancer, log, ct);

    private static EnhanceSummary Run(List<(string Input, string Output)> jobs, EnhanceRequest request, SpeechEnhancer enhancer, Action<string>? log, CancellationToken ct)
    {
        var written = new List<string>();
        var failures = new List<string>();
        foreach (var (input, output) in jobs)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var signal = WavFile.Read(input);
                if (signal.HasNonFinite())
                {
                    throw new AudioFileException(input, "contains NaN or infinite samples");
                }

                if (signal.Peak() == 0f)
                {
                    throw new AudioFileException(input, "digitally silent: nothing to enhance (the level normalisation divides by it)");
                }

                float[] enhanced = enhancer.Enhance(Resampling.To16k(signal));
                int rate = request.Rate == OutputRate.Input ? signal.SampleRate : Resampling.TargetRate;
                float[] samples = rate == Resampling.TargetRate ? enhanced : Resampling.Resample(enhanced, Resampling.TargetRate, rate);
                WavFile.Write(output, new AudioSignal(samples, rate), request.Format);
                written.Add(output);
                log?.Invoke($"{input} -> {output} ({signal.DurationSeconds:0.00} s, written at {rate} Hz)");
            }
            catch (AudioFileException e)
            {
                failures.Add(e.Message);
                log?.Invoke("skipped: " + e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or ExternalException)
            {
                string message = $"{input}: could not be enhanced ({e.Message})";
                failures.Add(message);
                log?.Invoke("skipped: " + message);
            }
        }

        return new EnhanceSummary(written, failures);
    }

    private static List<(string Input, string Output)> Jobs(EnhanceRequest request)
    {
        if (Directory.Exists(request.Input))
        {
            if (File.Exists(request.Output))
            {
                throw new ArgumentException($"{request.Output}: is a file, but the input {request.Input} is a folder; give an output folder");
            }

            var files = Directory.EnumerateFiles(request.Input).Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
                .Order(NaturalComparer.Instance).ToList();
            if (files.Count == 0)
            {
                throw new ArgumentException($"{request.Input}: no .wav files in this folder");
            }

            return RefuseOverwritingInputs(files.Select(f => (f, Path.Combine(request.Output, Path.GetFileName(f)))).ToList());
        }

        if (!File.Exists(request.Input))
        {
            throw new ArgumentException($"{request.Input}: no such file or folder");
        }

        string output = Directory.Exists(request.Output) ? Path.Combine(request.Output, Path.GetFileName(request.Input)) : request.Output;
        return RefuseOverwritingInputs([(request.Input, output)]);
    }

    /// <summary>
    /// Refuses the whole request, before anything is written, when an output would replace an input file: enhancing
    /// in place destroys the originals, which the user did not ask for.
    /// </summary>
    private static List<(string Input, string Output)> RefuseOverwritingInputs(List<(string Input, string Output)> jobs)
    {
        var inputs = new HashSet<string>(jobs.Select(j => Canonical(j.Input)), StringComparer.Ordinal);
        foreach (var (input, output) in jobs)
        {
            if (inputs.Contains(Canonical(output)))
            {
                throw new ArgumentException($"{output}: would overwrite the input file {input}; choose an --output that is not an input");
            }
        }

        return jobs;
    }

    // The full path with a symbolic link of the file or of its folder resolved, so two names of one file compare equal.
    private static string Canonical(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full) && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            full = target.FullName;
        }

        string? dir = Path.GetDirectoryName(full);
        return dir is not null && Directory.Exists(dir) && new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true) is { } linked
            ? Path.Combine(linked.FullName, Path.GetFileName(full))
            : full;
    }
}
