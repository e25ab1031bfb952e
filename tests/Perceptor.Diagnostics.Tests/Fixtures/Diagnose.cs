using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Readers;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Tests.Fixtures;

/// <summary>Shortcuts: read a log from text and diagnose it.</summary>
internal static class Diagnose
{
    public static Diagnosis Text(string log, DiagnosisOptions? options = null) =>
        Diagnoser.Diagnose(CmganTextLogReader.Read(new StringReader(log), "train.log"), options);

    public static Diagnosis Csv(string csv, DiagnosisOptions? options = null) =>
        Diagnoser.Diagnose(CsvLogReader.Read(new StringReader(csv), "log.csv"), options);

    public static Diagnosis Run(PerceptorRun run, DiagnosisOptions? options = null)
    {
        using var dir = new TempDirectory();
        string folder = Path.Combine(dir.Path, "run");
        run.Write(folder);
        return Diagnoser.Diagnose(PerceptorRunReader.Read(folder), options);
    }

    public static Diagnosis Data(RunData run, DiagnosisOptions? options = null) => Diagnoser.Diagnose(run, options);

    public static Finding? Find(this Diagnosis d, string id) => d.Findings.SingleOrDefault(f => f.Id == id);

    public static HypothesisVerdict Verdict(this Diagnosis d, HypothesisId id) => d.Hypotheses.Single(h => h.Id == id);
}
