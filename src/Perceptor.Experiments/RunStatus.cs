namespace Perceptor.Experiments;

/// <summary>Where one run of an experiment stands, as recorded in <c>experiment.json</c>.</summary>
public enum RunStatus
{
    /// <summary>Not started.</summary>
    Pending,

    /// <summary>Started and not known to have ended (a killed experiment leaves this; the run folder decides on continue).</summary>
    Running,

    /// <summary>Trained every epoch.</summary>
    Completed,

    /// <summary>Stopped early by the collapse watch; counts as finished.</summary>
    EarlyStopped,

    /// <summary>Stopped by the user; continues from its last checkpoint.</summary>
    Interrupted,

    /// <summary>Ended with an error (see the message); retried on continue unless it stopped on non-finite losses.</summary>
    Failed,
}
