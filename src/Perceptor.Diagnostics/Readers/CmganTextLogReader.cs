using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Readers;

/// <summary>
/// Reads the text log of the CMGAN Python reference and of patched copies of it: step lines
/// (<c>GPU: 0, Epoch 3, Step 500, loss: 0.14, disc_loss: 0.0012</c>, also without the GPU part), test lines
/// (<c>Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.57</c> or <c>Generator loss: .., Discriminator loss: ..</c>),
/// the argument dump (<c>Namespace(... init_lr=0.0005, loss_weights=[...])</c>) and the diagnostic lines a patched
/// reference trainer can print (<c>[DISC STATS] Trained: a/b</c>, <c>[DISC CHECK] Epoch n</c> with its
/// <c>Pred(...)</c> lines). Prefixes (logger names, timestamps), case and key separators do not matter.
/// Training losses may instead come from tqdm progress bars written to the file (<see cref="TqdmUpdate"/>): each
/// redraw whose postfix holds losses is one logged step at the bar's counter. Lines are numbered by \n, so a line of
/// bar redraws separated by \r is one line.
/// A line that looks like one of these but cannot be read is reported by number; the rest is still used.
/// </summary>
/// <remarks>
/// Made of four parts: line recognisers that turn each line into an event on its own (<see cref="TextLogRecognisers"/>),
/// a pass that puts the events in order and gives them their epochs (<see cref="TextLogEpochPass"/>), a pass that
/// finds damage no single line shows (<see cref="TextLogDamage"/>), and an assembler (<see cref="TextLogAssembler"/>).
/// </remarks>
public static class CmganTextLogReader
{
    /// <summary>Reads the log at <paramref name="path"/>.</summary>
    public static RunData Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a log from <paramref name="reader"/>; <paramref name="path"/> names it in messages.</summary>
    public static RunData Read(TextReader reader, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        // Numbered as an editor numbers them; a progress bar's redraws (\r) stay inside their line.
        var lines = LogLines.ReadPhysical(reader);
        var events = TextLogRecognisers.Recognise(lines, out int lastContentLine, out bool hasStepLines);
        if (lastContentLine == 0)
        {
            throw new LogReadException($"{path}: the file is empty");
        }

        // Ranks of a multi-GPU run print in no fixed order: use the lowest rank that logs losses (rank 0, the one
        // that saves the checkpoints), not whichever printed first.
        int? gpu = lines.Select(TextLogRecognisers.MetricLineGpu).Min();
        var problems = new List<ReadProblem>();
        var notes = new List<string>();
        // A trainer that prints step lines and also shows its losses in a bar shows the same steps twice: the step lines
        // (regular, at full precision) are used, and the bars are left out, so no step counts twice.
        var pass = TextLogEpochPass.Run(events, lastContentLine, gpu, barsAreSteps: !hasStepLines, problems, notes);
        TextLogDamage.FlagLookalikes(pass.Unrecognised, pass.RecognisedPrefixes, lastContentLine, problems);
        if (pass.Steps.Count == 0 && pass.Evals.Count == 0)
        {
            string found = problems.Count > 0 ? $" ({problems.Count} damaged lines, first: {problems[0]})" : "";
            throw new LogReadException(
                $"{path}: no training or test lines recognised{found}. Expected lines such as " +
                "'Epoch 3, Step 500, loss: 0.14, disc_loss: 0.0012', 'Test Gen loss: 0.11, Disc loss: 0.004, PESQ: 2.57' " +
                "or tqdm progress bars with losses in their postfix ('Epoch 3:  45%|####5     | 450/1000 [02:15<02:45, " +
                "3.33it/s, gen_loss=0.123, disc_loss=0.004]').");
        }

        TextLogDamage.FlagMissingStepValues(pass.Steps, lastContentLine, problems);
        TextLogDamage.FlagMissingTestValues(pass.Evals.Values, lastContentLine, problems);
        return TextLogAssembler.Build(path, lines.Count, pass, problems, notes);
    }
}
