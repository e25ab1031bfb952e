namespace Perceptor.Experiments.Running;

/// <summary>
/// Trains one run into its run folder (in this process, or as a child <c>perceptor train</c>). The experiment runner
/// judges the outcome from the run folder afterwards (its <c>run_end</c> record), never from the trainer's word, so
/// every trainer is judged alike and a crash is seen as such.
/// </summary>
public interface IRunTrainer
{
    /// <summary>
    /// Runs <paramref name="request"/> to its end. Cancelling <paramref name="cancellationToken"/> asks the run to stop
    /// at a safe point with its checkpoint written. Exceptions mean the run failed.
    /// </summary>
    void Train(TrainRequest request, CancellationToken cancellationToken);
}
