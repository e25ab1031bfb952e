using Perceptor.Models;
using Perceptor.Training.Config;
using Perceptor.Training.Data;
using Perceptor.Training.Probes;
using Perceptor.Training.Runtime;
using Perceptor.Training.Step;

namespace Perceptor.Training.Run;

/// <summary>
/// Everything a run needs, fully set up by <see cref="SessionSetup.Open"/>: networks and optimisers (restored on
/// resume), data, evaluator, collapse watch, the open run log and where the run starts. Disposing it releases the
/// networks and closes the log.
/// </summary>
internal sealed class TrainingSession : IDisposable
{
    public required TrainingRequest Request { get; init; }

    public TrainingConfig Config => Request.Config;

    public required RunFolder Folder { get; init; }

    /// <summary>The model sizes (checked against the checkpoint on resume).</summary>
    public required ModelPreset Preset { get; init; }

    /// <summary>The networks, their optimisers and the metric-GAN iteration.</summary>
    public required MetricGanStep Iteration { get; init; }

    public required Evaluator Evaluator { get; init; }

    public required BatchSampler Sampler { get; init; }

    /// <summary>What is evaluated each evaluated epoch (whole files or fixed crops).</summary>
    public required IReadOnlyList<ClipPair> EvalClips { get; init; }

    /// <summary>The calibration probe's clips; empty when the probe is off.</summary>
    public required IReadOnlyList<ClipPair> ProbeClips { get; init; }

    public required PesqBatchScorer Scorer { get; init; }

    public required CollapseWatch Collapse { get; init; }

    public required RunRecorder Recorder { get; init; }

    /// <summary>Where training starts: the beginning, or where the checkpoint left off.</summary>
    public required RunStanding Start { get; init; }

    /// <summary>True when <see cref="Start"/> came from a checkpoint.</summary>
    public required bool Resumed { get; init; }

    /// <summary>The run folder's lock, held for the life of the session (one writer per run folder).</summary>
    public required RunLock Lock { get; init; }

    public void Dispose()
    {
        Recorder.Dispose();
        Evaluator.Dispose();
        Iteration.Dispose();
        Lock.Dispose();
    }
}
