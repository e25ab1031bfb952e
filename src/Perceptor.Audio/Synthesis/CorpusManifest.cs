using System.Globalization;
using System.Text;
using Perceptor.Audio.IO;

namespace Perceptor.Audio.Synthesis;

/// <summary>
/// The list of clips in a synthetic corpus, stored as <c>manifest.csv</c> at the corpus root with the columns
/// <c>split,name,speaker,speaker_seed,noise,snr_db,duration_s,speech_s</c>.
/// </summary>
public sealed class CorpusManifest
{
    /// <summary>File name of the manifest inside the corpus folder.</summary>
    public const string FileName = "manifest.csv";

    private const string Header = "split,name,speaker,speaker_seed,noise,snr_db,duration_s,speech_s";

    /// <summary>A manifest over <paramref name="clips"/>.</summary>
    public CorpusManifest(IReadOnlyList<CorpusClip> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        Clips = clips;
    }

    /// <summary>Every clip, training first, each split sorted by name.</summary>
    public IReadOnlyList<CorpusClip> Clips { get; }

    /// <summary>Writes the CSV to <paramref name="path"/> (invariant culture).</summary>
    public void Write(string path)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (var c in Clips)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{c.Split},{c.Name},{c.Speaker},{c.SpeakerSeed},{NoiseName(c.Noise)},{c.SnrDb:0.###},{c.DurationSeconds:0.####},{c.SpeechSeconds:0.####}\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads a manifest; throws <see cref="InvalidDataException"/> naming the file and line on a bad row.</summary>
    public static CorpusManifest Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != Header)
        {
            throw new InvalidDataException($"{path}: not a corpus manifest (expected the header '{Header}')");
        }

        var clips = new List<CorpusClip>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var f = lines[i].Split(',');
            if (f.Length != 8 ||
                !long.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out long speakerSeed) ||
                !TryParseNoise(f[4], out var noise) ||
                !double.TryParse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture, out double snr) ||
                !double.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out double duration) ||
                !double.TryParse(f[7], NumberStyles.Float, CultureInfo.InvariantCulture, out double speech))
            {
                throw new InvalidDataException($"{path}:{i + 1}: malformed row '{lines[i]}'");
            }

            clips.Add(new CorpusClip(f[0], f[1], f[2], speakerSeed, noise, snr, duration, speech));
        }

        return new CorpusManifest(clips);
    }

    /// <summary>The noise type as written in the manifest (lower case).</summary>
    public static string NoiseName(NoiseType noise) => noise.ToString().ToLowerInvariant();

    /// <summary>Parses a noise name as written in the manifest (case-insensitive).</summary>
    public static bool TryParseNoise(string text, out NoiseType noise) =>
        Enum.TryParse(text, ignoreCase: true, out noise) && Enum.IsDefined(noise);
}
