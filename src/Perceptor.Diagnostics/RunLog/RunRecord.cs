using System.Text.Json.Serialization;

namespace Perceptor.Diagnostics.RunLog;

/// <summary>
/// One line of <c>metrics.jsonl</c> (see docs/run-log.md). Every record carries its <c>type</c> and the UTC time it
/// was written. Values the trainer could not measure are null, never 0.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(RunStartRecord), "run_start")]
[JsonDerivedType(typeof(StepRecord), "step")]
[JsonDerivedType(typeof(DiscStatsRecord), "disc_stats")]
[JsonDerivedType(typeof(GradBalanceRecord), "grad_balance")]
[JsonDerivedType(typeof(EvalRecord), "eval")]
[JsonDerivedType(typeof(CalibrationRecord), "calibration")]
[JsonDerivedType(typeof(EpochRecord), "epoch")]
[JsonDerivedType(typeof(CollapseRecord), "collapse")]
[JsonDerivedType(typeof(CheckpointRecord), "checkpoint")]
[JsonDerivedType(typeof(RunEndRecord), "run_end")]
public abstract record RunRecord
{
    /// <summary>When the record was written (UTC).</summary>
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;
}
