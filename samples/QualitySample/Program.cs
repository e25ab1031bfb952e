using System.Globalization;
using Perceptor.Audio;
using Perceptor.Quality.Pesq;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: QualitySample REF.wav DEG.wav");
    return 2;
}

// Read both files, score wideband PESQ (16 kHz), print the MOS-LQO or why there is none.
var reference = WavFile.Read(args[0]);
var degraded = WavFile.Read(args[1]);
var result = PesqScorer.Score(reference.Span, degraded.Span, reference.SampleRate, PesqMode.Wideband);
Console.WriteLine(result.IsSuccess ? result.Score.ToString("0.000000", CultureInfo.InvariantCulture) : result.ToString());
return result.IsSuccess ? 0 : 1;
