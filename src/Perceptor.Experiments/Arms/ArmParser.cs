using System.Globalization;
using System.Text.RegularExpressions;
using Perceptor.Diagnostics.Findings;

namespace Perceptor.Experiments.Arms;

/// <summary>
/// Turns <c>--arms</c> text into arms. Built-in arms: <c>baseline</c> (the reference, skip-batch), <c>mask</c>,
/// <c>batch-mean</c>, <c>speech-crops</c> (H1); <c>disc-lr=RATE</c> or <c>disc-lr=gen</c> (H2);
/// <c>gan-weight=W</c> (H3); <c>batch-size=N</c> (H6, H7); <c>gen-lr=RATE</c>, <c>train-files=N</c> or
/// <c>train-files=all</c> (H7). Any other arm is <c>name:key=value,key=value</c> with
/// configuration keys (its hypotheses follow from the keys). Items are separated by commas, semicolons or spaces;
/// a <c>key=value</c> item whose key has a dot continues the custom arm before it.
/// </summary>
public static partial class ArmParser
{
    /// <summary>The reference settings every arm starts from: the CMGAN reference skips a batch on any failed clip.</summary>
    public static IReadOnlyList<string> ReferenceSettings { get; } = ["pesq.failures=skip-batch"];

    /// <summary>The built-in arm names and forms, for help texts.</summary>
    public static string BuiltInSummary =>
        "baseline, mask, batch-mean, speech-crops, disc-lr=RATE, disc-lr=gen, gan-weight=W, batch-size=N, gen-lr=RATE, train-files=N|all, " +
        "or NAME:key=value,key=value";

    /// <summary>
    /// Parses <paramref name="specs"/> (each may hold several items). <paramref name="generatorLr"/> resolves
    /// <c>disc-lr=gen</c>. The baseline comes first and is added when missing; duplicates are errors.
    /// Throws <see cref="ArgumentException"/> naming the item it cannot read.
    /// </summary>
    public static IReadOnlyList<Arm> Parse(IEnumerable<string> specs, double generatorLr)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var arms = new List<Arm>();
        string? customName = null;
        var customSettings = new List<string>();

        void FlushCustom()
        {
            if (customName is null)
            {
                return;
            }

            if (customSettings.Count == 0)
            {
                throw new ArgumentException($"arm '{customName}:' lists no key=value settings");
            }

            arms.Add(Custom(customName, customSettings));
            customName = null;
            customSettings = [];
        }

        foreach (string item in Tokens(specs))
        {
            int colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                FlushCustom();
                customName = CheckName(item[..colon], item);
                string rest = item[(colon + 1)..];
                if (rest.Length > 0)
                {
                    customSettings.Add(CheckSetting(rest, customName));
                }

                continue;
            }

            if (customName is not null && IsConfigSetting(item))
            {
                customSettings.Add(CheckSetting(item, customName));
                continue;
            }

            FlushCustom();
            arms.Add(BuiltIn(item, generatorLr));
        }

        FlushCustom();
        var duplicate = arms.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"arm '{duplicate.Key}' is listed twice");
        }

        var baseline = arms.FirstOrDefault(a => a.IsBaseline) ?? Baseline;
        return [baseline, .. arms.Where(a => !a.IsBaseline)];
    }

    /// <summary>The reference arm.</summary>
    public static Arm Baseline { get; } = new(Arm.BaselineName,
        "reference: a failed PESQ clip skips the whole discriminator step (skip-batch)", [], []);

    /// <summary>Parses one built-in arm (<c>mask</c>, <c>disc-lr=5e-4</c>, ...).</summary>
    public static Arm BuiltIn(string item, double generatorLr)
    {
        ArgumentNullException.ThrowIfNull(item);
        string name = item.Trim();
        switch (name.ToLowerInvariant())
        {
            case "baseline":
            case "skip-batch":
                return Baseline;
            case "mask":
                return new Arm("mask", "failed clips are left out of the discriminator loss; the step is always taken",
                    ["pesq.failures=mask"], [Hypotheses.H1.Id]);
            case "batch-mean":
                return new Arm("batch-mean", "every clip's target becomes the mean of the batch's valid scores (the proposed fix)",
                    ["pesq.failures=batch-mean"], [Hypotheses.H1.Id]);
            case "speech-crops":
                return new Arm("speech-crops", "training crops are chosen to hold speech, so PESQ seldom fails (skip-batch kept)",
                    ["data.speechAwareCrops=true"], [Hypotheses.H1.Id]);
        }

        int eq = name.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            string kind = name[..eq].ToLowerInvariant();
            string value = name[(eq + 1)..];
            switch (kind)
            {
                case "disc-lr" when value.Equals("gen", StringComparison.OrdinalIgnoreCase):
                    return new Arm("disc-lr=gen", $"discriminator learning rate equal to the generator's ({Format(generatorLr)}; reference 2x)",
                        [$"optim.discLr={Format(generatorLr)}"], [Hypotheses.H2.Id]);
                case "disc-lr":
                    double lr = Number(value, name, positive: true);
                    return new Arm(name, $"discriminator learning rate {Format(lr)} (reference 1e-3)", [$"optim.discLr={Format(lr)}"], [Hypotheses.H2.Id]);
                case "gan-weight":
                    double w = Number(value, name, positive: false);
                    return new Arm(name, $"GAN loss weight {Format(w)} (reference 0.05)", [$"loss.ganWeight={Format(w)}"], [Hypotheses.H3.Id]);
                case "batch-size":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int b) || b < 1)
                    {
                        throw new ArgumentException($"arm '{name}': batch size must be a whole number >= 1");
                    }

                    return new Arm(name, $"{b} clips per batch (reference 4)", [$"train.batchSize={b}"], [Hypotheses.H6.Id, Hypotheses.H7.Id]);
                case "gen-lr":
                    double g = Number(value, name, positive: true);
                    return new Arm(name, $"generator learning rate {Format(g)} (reference 5e-4)", [$"optim.genLr={Format(g)}"], [Hypotheses.H7.Id]);
                case "train-files":
                    if (value.Equals("all", StringComparison.OrdinalIgnoreCase))
                    {
                        return new Arm("train-files=all", "every training pair", ["data.trainFiles=0"], [Hypotheses.H7.Id]);
                    }

                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1)
                    {
                        throw new ArgumentException($"arm '{name}': the number of training pairs must be a whole number >= 1, or 'all'");
                    }

                    return new Arm(name, $"{n} training pairs, spread over the training folder", [$"data.trainFiles={n}"], [Hypotheses.H7.Id]);
            }
        }

        throw new ArgumentException($"unknown arm '{name}' (built-in: {BuiltInSummary})");
    }

    /// <summary>A named arm from explicit settings; its hypotheses follow from the keys.</summary>
    public static Arm Custom(string name, IReadOnlyList<string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CheckName(name, name);
        var ids = settings.SelectMany(s => Hypotheses.ForKey(s[..s.IndexOf('=', StringComparison.Ordinal)]))
            .Select(h => h.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Arm(name, "custom: " + string.Join(", ", settings), settings.ToList(), ids);
    }

    private static IEnumerable<string> Tokens(IEnumerable<string> specs) =>
        specs.SelectMany(s => s.Split([',', ';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool IsConfigSetting(string item)
    {
        int eq = item.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && item[..eq].Contains('.', StringComparison.Ordinal);
    }

    private static string CheckSetting(string item, string arm)
    {
        if (!IsConfigSetting(item))
        {
            throw new ArgumentException($"arm '{arm}': '{item}' is not a key=value setting (keys look like optim.discLr)");
        }

        return item;
    }

    private static string CheckName(string name, string item)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"arm name '{name}' in '{item}' must start with a letter or digit and hold only letters, digits and . _ - + =");
        }

        return name;
    }

    private static double Number(string text, string item, bool positive)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) ||
            v < 0 || (positive && v == 0))
        {
            throw new ArgumentException($"arm '{item}': '{text}' is not a {(positive ? "positive" : "non-negative")} number");
        }

        return v;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+=-]{0,63}$")]
    private static partial Regex NamePattern();
}
