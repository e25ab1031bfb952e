namespace Perceptor.Training.Rescore;

/// <summary>What a rescore is doing when it reports progress.</summary>
public enum RescorePhase
{
    /// <summary>Scoring the noisy input (once per set of utterances).</summary>
    Noisy,

    /// <summary>Running a checkpoint's generator over the utterances.</summary>
    Enhancing,

    /// <summary>Scoring the enhanced utterances on all cores.</summary>
    Scoring,

    /// <summary>A checkpoint found in the cache, or finished.</summary>
    Done,
}
