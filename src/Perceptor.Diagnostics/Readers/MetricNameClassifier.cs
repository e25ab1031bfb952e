using System.Text;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// Understands the names people give to training metrics (<c>train_gen_loss_avg</c>, <c>Test Gen loss</c>,
/// <c>dLoss</c>, <c>val-PESQ</c>, <c>lr_D</c>, ...): splits them into words (separators and camelCase) and
/// decides what they measure from the words, so that synonyms, case and separators do not matter.
/// </summary>
internal static class MetricNameClassifier
{
    private static readonly HashSet<string> EvalWords = ["test", "val", "valid", "validation", "eval", "evaluation", "dev"];
    private static readonly HashSet<string> TrainWords = ["train", "training", "tr"];
    private static readonly HashSet<string> DiscWords = ["disc", "d", "discriminator", "dis", "critic"];
    private static readonly HashSet<string> GenWords = ["gen", "g", "generator"];
    private static readonly HashSet<string> LossWords = ["loss", "losses"];
    private static readonly HashSet<string> AverageWords = ["avg", "mean", "average"];

    // A name with any of these words measures something else (a component term, a spread, a count, a time).
    private static readonly HashSet<string> OtherWords =
    [
        "weight", "weights", "std", "var", "variance", "norm", "grad", "count", "time", "seconds", "sec", "secs",
        "ratio", "ri", "mag", "magnitude", "gan", "adv", "metric", "stoi", "csig", "cbak", "covl", "ssnr", "snr",
        "si", "sdr", "best", "delta", "diff", "share", "real", "fake", "clean", "gpu", "rank", "skip", "skipped",
        "steps", "batches", "clips", "samples", "failed", "failures",
    ];

    /// <summary>Splits a name into lower-case words at separators, case changes and letter/digit boundaries.</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new List<string>();
        var current = new StringBuilder();
        char previous = '\0';
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                previous = '\0';
                continue;
            }

            bool boundary = current.Length > 0 &&
                ((char.IsUpper(c) && char.IsLower(previous)) || (char.IsDigit(c) != char.IsDigit(previous)));
            if (boundary)
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
            previous = c;
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>The split that the words of <paramref name="text"/> name (test, val, train, ...), if any.</summary>
    public static MetricSplit SplitOf(string text)
    {
        var words = Words(text);
        return words.Any(EvalWords.Contains) ? MetricSplit.Eval
            : words.Any(TrainWords.Contains) ? MetricSplit.Train
            : MetricSplit.Unspecified;
    }

    /// <summary>Classifies a name; <see cref="MetricRole.None"/> when it is not one of the quantities diagnose uses.</summary>
    public static MetricName Classify(string name)
    {
        var words = Words(name);
        if (words.Count == 0)
        {
            return default;
        }

        bool Has(HashSet<string> set) => words.Any(set.Contains);
        bool average = Has(AverageWords);
        MetricSplit split = Has(EvalWords) ? MetricSplit.Eval : Has(TrainWords) ? MetricSplit.Train : MetricSplit.Unspecified;

        if (words.Any(w => w.Contains("pesq", StringComparison.Ordinal)))
        {
            if (words.Any(w => w is "std" or "var" or "min" or "max" or "count" or "failed" or "failures" or "delta"))
            {
                return default;
            }

            return new MetricName(words.Contains("noisy") ? MetricRole.NoisyPesq : MetricRole.Pesq, split, average);
        }

        if (Has(OtherWords))
        {
            return default;
        }

        bool isLr = words.Contains("lr") || (words.Contains("learning") && words.Contains("rate"));
        if (isLr)
        {
            MetricRole role = Has(DiscWords) ? MetricRole.LrDisc : Has(GenWords) ? MetricRole.LrGen : MetricRole.Lr;
            return new MetricName(role, split, average);
        }

        if (Has(LossWords) || words.SequenceEqual(["dloss"]) || words.SequenceEqual(["gloss"]))
        {
            bool disc = Has(DiscWords) || words.Contains("dloss");
            if (disc)
            {
                MetricRole role = words.Contains("min") || words.Contains("minimum") ? MetricRole.DiscLossMin
                    : words.Contains("max") || words.Contains("maximum") ? MetricRole.DiscLossMax
                    : MetricRole.DiscLoss;
                return new MetricName(role, split, average);
            }

            if (words.Any(w => w is "min" or "max" or "minimum" or "maximum"))
            {
                return default;
            }

            return new MetricName(MetricRole.GenLoss, split, average);
        }

        string joined = string.Concat(words);
        if (joined is "epoch" or "ep" or "epochs" or "epochidx" or "epochnum" or "epochnumber" or "epochindex")
        {
            return new MetricName(MetricRole.Epoch, MetricSplit.Unspecified, false);
        }

        if (joined is "step" or "globalstep" or "iter" or "iteration" or "it" or "batch" or "batchidx" or "stepinepoch"
            or "trainstep" or "iters" or "batchindex" or "stepidx")
        {
            return new MetricName(MetricRole.Step, MetricSplit.Unspecified, false);
        }

        return default;
    }
}
