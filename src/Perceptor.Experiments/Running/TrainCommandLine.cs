namespace Perceptor.Experiments.Running;

/// <summary>
/// The arguments of <c>perceptor train</c> for a run: one place, shared by child processes and cluster scripts, so
/// both train exactly what the in-process runner would.
/// </summary>
public static class TrainCommandLine
{
    /// <summary>The option of <c>perceptor train</c> naming the corpus folder.</summary>
    public const string DataOption = "--data";

    /// <summary>The option of <c>perceptor train</c> naming the run folder.</summary>
    public const string RunOption = "--run";

    /// <summary>
    /// <c>train --data D --run RUN [--preset P] [--config F] [--set k=v]...</c> for a new run, or
    /// <c>train --data D --run RUN [--set k=v]... --resume</c> to continue one (a resumed run starts from its own
    /// <c>config.json</c>, so preset and config file are not given again). One argument per element, no shell
    /// quoting: pass them to <see cref="System.Diagnostics.ProcessStartInfo.ArgumentList"/>.
    /// </summary>
    public static IReadOnlyList<string> Arguments(TrainRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = new List<string> { "train", DataOption, request.DataDir, RunOption, request.RunDir };
        if (!request.Resume && !string.IsNullOrEmpty(request.Preset))
        {
            args.Add("--preset");
            args.Add(request.Preset);
        }

        if (!request.Resume && !string.IsNullOrEmpty(request.ConfigFile))
        {
            args.Add("--config");
            args.Add(request.ConfigFile);
        }

        foreach (string setting in request.Overrides)
        {
            args.Add("--set");
            args.Add(setting);
        }

        if (request.Resume)
        {
            args.Add("--resume");
        }

        return args;
    }
}
