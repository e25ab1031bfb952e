using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>Scores one pair of WAV files; the single-pair form of <see cref="PesqCaseFile"/> and <see cref="PesqDirectoryScorer"/>.</summary>
public static class PesqFiles
{
    /// <summary>
    /// Reads both files and scores them at their sample rate, which must agree (no resampling is done), in
    /// <paramref name="mode"/> (null: wideband at 16 kHz, narrowband at 8 kHz). Unreadable files
    /// (<c>unreadable: ...</c>), differing rates (<c>rate_mismatch: ...</c>) and PESQ failures come back as the
    /// outcome's error, naming the file where one is at fault.
    /// </summary>
    public static PesqFileOutcome Score(string referencePath, string degradedPath, PesqMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(referencePath);
        ArgumentNullException.ThrowIfNull(degradedPath);
        return PesqFileScoring.Score(Path.GetFileName(degradedPath), referencePath, degradedPath, sampleRate: null, mode,
            new PesqWorkspace());
    }
}
