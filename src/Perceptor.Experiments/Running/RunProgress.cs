namespace Perceptor.Experiments.Running;

/// <summary>How far a run folder got, read from its files.</summary>
public enum RunProgress
{
    /// <summary>No folder, or an empty one.</summary>
    NotStarted,

    /// <summary>Files exist but no checkpoint: it cannot be resumed and starts over.</summary>
    Started,

    /// <summary>A last checkpoint exists and the run has not finished: it resumes.</summary>
    Resumable,

    /// <summary>Ended with <c>run_end</c> reason <c>completed</c>.</summary>
    Completed,

    /// <summary>Ended with <c>run_end</c> reason <c>early_stop</c> (collapse watch).</summary>
    EarlyStopped,

    /// <summary>Ended with <c>run_end</c> reason <c>nonfinite</c>: training diverged; rerunning repeats it.</summary>
    Diverged,
}
