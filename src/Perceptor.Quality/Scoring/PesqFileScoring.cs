using System.Globalization;
using Perceptor.Audio;
using Perceptor.Audio.IO;
using Perceptor.Quality.Dsp;
using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>Scores a pair of WAV files into a <see cref="PesqFileOutcome"/>; the shared step of the file front ends.</summary>
internal static class PesqFileScoring
{
    /// <summary>
    /// Reads both files and scores them at <paramref name="sampleRate"/> (null: the files' rate, which must then
    /// agree) in <paramref name="mode"/> (null: wideband at 16 kHz, narrowband at 8 kHz). Unreadable files and
    /// rate mismatches become errors naming the file; nothing is thrown for bad data.
    /// </summary>
    public static PesqFileOutcome Score(string id, string referencePath, string degradedPath, int? sampleRate,
        PesqMode? mode, PesqWorkspace workspace)
    {
        // The samples go into the workspace's buffers, reused from pair to pair (a batch then allocates nothing
        // for them once they fit its longest file).
        int referenceLength, degradedLength, referenceRate, degradedRate;
        try
        {
            referenceLength = WavFile.ReadInto(referencePath, ref workspace.ReferenceFile, out referenceRate);
            degradedLength = WavFile.ReadInto(degradedPath, ref workspace.DegradedFile, out degradedRate);
        }
        catch (AudioFileException e)
        {
            return PesqFileOutcome.Failed(id, PesqFileFailure.Unreadable, e.Message, mode);
        }

        int rate;
        if (sampleRate is int given)
        {
            rate = given;
        }
        else if (referenceRate != degradedRate)
        {
            return PesqFileOutcome.Failed(id, PesqFileFailure.RateMismatch, string.Create(CultureInfo.InvariantCulture,
                $"{referencePath} is {referenceRate} Hz, {degradedPath} is {degradedRate} Hz"), mode);
        }
        else
        {
            rate = referenceRate;
        }

        var chosen = mode ?? (rate == 8000 ? PesqMode.Narrowband : PesqMode.Wideband);
        var reference = workspace.ReferenceFile.AsSpan(0, referenceLength);
        var degraded = workspace.DegradedFile.AsSpan(0, degradedLength);
        var result = PesqScorer.Compute(reference, degraded, rate, chosen, workspace).ToResult();
        if (result.Failure == PesqFailure.NonFinite)
        {
            // Say which of the two files holds the NaN or infinity.
            string culprit = SampleMath.AllFinite(reference) ? degradedPath : referencePath;
            return PesqFileOutcome.Failed(id, PesqFileFailures.From(result.Failure), $"{culprit} contains NaN or infinite samples", chosen);
        }

        return result.IsSuccess
            ? PesqFileOutcome.Scored(id, result.Score, chosen)
            : PesqFileOutcome.Failed(id, PesqFileFailures.From(result.Failure), mode: chosen);
    }

    /// <summary>Writes <c>id,score,error</c> rows to <paramref name="path"/> through a temporary file renamed into place.</summary>
    public static void WriteCsv(string path, IReadOnlyList<PesqFileOutcome> outcomes, string idHeader)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream);
            WriteCsv(writer, outcomes, idHeader);
        });
    }

    /// <summary>Writes <c>id,score,error</c> rows to <paramref name="writer"/>.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<PesqFileOutcome> outcomes, string idHeader)
    {
        writer.Write(idHeader);
        writer.Write(",score,error\n");
        foreach (var o in outcomes)
        {
            writer.Write(CsvField(o.Id));
            writer.Write(',');
            if (o.Score is double score)
            {
                writer.Write(score.ToString("0.000000", CultureInfo.InvariantCulture));
            }

            writer.Write(',');
            if (o.Error is not null)
            {
                writer.Write(CsvField(o.Error));
            }

            writer.Write('\n');
        }
    }

    /// <summary>Quotes a CSV field when it holds a comma, quote or line break.</summary>
    public static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
