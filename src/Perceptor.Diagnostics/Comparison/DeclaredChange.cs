using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Findings;

namespace Perceptor.Diagnostics.Comparison;

/// <summary>
/// What a run changed against the baseline, as its <c>--label NAME=what-changed</c> declares it, read into factors the
/// way experiment arms name them: configuration settings (<c>pesq.failures=mask</c>, <c>eval.method=full-utterance</c>,
/// <c>optim.discLr=5e-4</c>, <c>train.batchSize=4</c>), arm names (<c>mask</c>, <c>batch-mean</c>, <c>speech-crops</c>,
/// <c>disc-lr=X</c>, <c>gan-weight=W</c>, <c>batch-size=N</c>, <c>gen-lr=X</c>) or plain words (never skip, centre
/// crops, deterministic eval). Several changes are separated by commas, semicolons or <c>+</c>.
/// </summary>
/// <param name="Text">The declaration as given.</param>
/// <param name="Factors">The factors recognised in it.</param>
/// <param name="Unrecognised">Parts that map to no hypothesis.</param>
public sealed partial record DeclaredChange(string Text, IReadOnlyList<ChangedFactor> Factors, IReadOnlyList<string> Unrecognised)
{
    [GeneratedRegex(@"[,;+]")]
    private static partial Regex SeparatorRegex();

    /// <summary>Reads a declaration.</summary>
    public static DeclaredChange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var factors = new List<ChangedFactor>();
        var unrecognised = new List<string>();
        foreach (string raw in SeparatorRegex().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var found = Read(raw);
            if (found.Count == 0)
            {
                unrecognised.Add(raw);
            }

            foreach (var f in found.Where(f => !factors.Any(g => g.Hypothesis == f.Hypothesis)))
            {
                factors.Add(f);
            }
        }

        return new DeclaredChange(text, factors, unrecognised);
    }

    private static List<ChangedFactor> Read(string part)
    {
        string p = part.ToLowerInvariant();
        int eq = p.IndexOf('=', StringComparison.Ordinal);
        string key = eq < 0 ? p : p[..eq].Trim();
        string value = eq < 0 ? "" : p[(eq + 1)..].Trim();
        var list = new List<ChangedFactor>();
        bool neverSkip = key is "mask" or "batch-mean" or "speech-crops" or "never-skip" or "no-skip" or "noskip" ||
            (key == "pesq.failures" && value is "mask" or "batch-mean") ||
            (key == "data.speechawarecrops" && value == "true") ||
            (eq < 0 && (p.Contains("never skip", StringComparison.Ordinal) || p.Contains("no skip", StringComparison.Ordinal) ||
                p.Contains("without skip", StringComparison.Ordinal) || p.Contains("per-clip mask", StringComparison.Ordinal)));
        if (neverSkip)
        {
            list.Add(new ChangedFactor(HypothesisId.H1, $"removed discriminator skipping ({part})", RemovesCause: true));
        }

        bool deterministic = (key is "eval.method" or "eval") && value is "full-utterance" or "fixed-crops" or "deterministic" or "centre-crop" or "center-crop" ||
            (eq < 0 && (p.Contains("determin", StringComparison.Ordinal) || p.Contains("centre crop", StringComparison.Ordinal) ||
                p.Contains("center crop", StringComparison.Ordinal) || p.Contains("centre-crop", StringComparison.Ordinal) ||
                p.Contains("center-crop", StringComparison.Ordinal) || p.Contains("full utterance", StringComparison.Ordinal) ||
                p.Contains("full-utterance", StringComparison.Ordinal) || p.Contains("fixed crop", StringComparison.Ordinal)));
        if (deterministic)
        {
            list.Add(new ChangedFactor(HypothesisId.H4, $"deterministic eval ({part})", RemovesCause: true));
        }

        if (list.Count > 0)
        {
            return list;
        }

        string? configKey = key switch
        {
            "disc-lr" => "optim.discLr",
            "gen-lr" => "optim.genLr",
            "gan-weight" => "loss.ganWeight",
            "batch-size" or "batch" or "batch_size" => "train.batchSize",
            _ when eq > 0 => key,
            _ => null,
        };
        if (configKey is not null)
        {
            foreach (var h in Hypotheses.ForKey(configKey))
            {
                list.Add(new ChangedFactor(h.Number, $"{h.Title}: {part}", RemovesCause: false));
            }
        }

        return list;
    }
}
