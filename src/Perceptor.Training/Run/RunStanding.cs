using Perceptor.Training.Step;

namespace Perceptor.Training.Run;

/// <summary>
/// The position of a run and what travels with it into a checkpoint: the unfinished epoch's tally, the best and last
/// eval PESQ, the count of non-finite steps in a row. Each move returns a new standing; only the tally of the
/// epoch in progress is added to in place.
/// </summary>
/// <param name="Position">Epoch, batch and step.</param>
/// <param name="Tally">Running sums of the epoch in progress.</param>
/// <param name="BestPesq">Best eval PESQ so far.</param>
/// <param name="BestEpoch">Epoch (1-based) of <paramref name="BestPesq"/>.</param>
/// <param name="LastPesq">Eval PESQ of the last evaluated epoch.</param>
/// <param name="ConsecutiveNonfinite">Non-finite steps in a row up to now.</param>
internal sealed record RunStanding(RunPosition Position, EpochTally Tally, double? BestPesq, int? BestEpoch, double? LastPesq, int ConsecutiveNonfinite)
{
    /// <summary>A new run: nothing done yet.</summary>
    public static RunStanding Fresh() => new(RunPosition.Start, new EpochTally(), null, null, null, 0);

    /// <summary>After <paramref name="outcome"/>: one more step, added to the tally, the non-finite streak extended or ended.</summary>
    public RunStanding AfterStep(StepOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Tally.Add(outcome);
        return this with { Position = Position.AfterStep(), ConsecutiveNonfinite = outcome.Nonfinite ? ConsecutiveNonfinite + 1 : 0 };
    }

    /// <summary>On to the next batch of the same epoch.</summary>
    public RunStanding NextBatch() => this with { Position = Position.NextBatch() };

    /// <summary>The first batch of the next epoch with a fresh tally: the one place both start again.</summary>
    public RunStanding NextEpoch() => this with { Position = Position.NextEpoch(), Tally = new EpochTally() };
}
