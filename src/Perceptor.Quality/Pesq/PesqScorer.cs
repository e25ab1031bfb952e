using Perceptor.Audio.Dsp;
using Perceptor.Quality.Dsp;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// PESQ, clean-room: ITU-T P.862 narrowband with the P.862.1 mapping to MOS-LQO (at 8 and 16 kHz, the model
/// running natively at the given rate) and P.862.2 wideband (16 kHz), returning MOS-LQO as the common Python
/// wrapper of the reference implementation does. Inputs are float samples at any common scale: both signals are
/// first divided by their joint peak magnitude, so a gain applied to both does not change the score.
/// Thread-safe: every computation uses a workspace owned by the calling thread.
/// </summary>
public static class PesqScorer
{
    /// <summary>Inputs longer than this (30 s at 16 kHz) get a workspace of their own instead of the cached one.</summary>
    private const int CachedWorkspaceSamples = 30 * 16000;

    // Scratch memory reused by successive calls on the same thread; it never influences a result.
    [ThreadStatic]
    private static PesqWorkspace? t_workspace;

    /// <summary>Scores <paramref name="degraded"/> against <paramref name="reference"/> at <paramref name="sampleRate"/> Hz.</summary>
    /// <returns>
    /// The MOS-LQO, or the failure: <see cref="PesqFailure.InvalidSampleRate"/> (not 8000/16000, or wideband at
    /// 8000), <see cref="PesqFailure.TooShort"/> (either signal shorter than fs/4 samples),
    /// <see cref="PesqFailure.NonFinite"/>, <see cref="PesqFailure.NoUtterances"/> (no speech found in the
    /// reference, including an all-zero reference) or <see cref="PesqFailure.SilentDegraded"/> (the degraded
    /// signal has no energy, where the reference implementation returns NaN).
    /// </returns>
    public static PesqResult Score(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded, int sampleRate, PesqMode mode) =>
        Compute(reference, degraded, sampleRate, mode, WorkspaceFor(reference.Length, degraded.Length)).ToResult();

    /// <summary>
    /// Scores many pairs on up to <paramref name="maxDegreeOfParallelism"/> threads (default: all cores) and returns
    /// the results in input order. <paramref name="progress"/>, if given, receives the count of pairs finished.
    /// </summary>
    public static PesqResult[] ScoreBatch(IReadOnlyList<PesqPair> pairs, PesqMode mode, int maxDegreeOfParallelism = 0,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a PESQ mode");
        }

        var results = new PesqResult[pairs.Count];
        if (pairs.Count == 0)
        {
            return results;
        }

        PesqParallel.For(pairs.Count, maxDegreeOfParallelism, progress, (i, workspace) =>
        {
            var pair = pairs[i] ?? throw new ArgumentException($"pair {i} is null", nameof(pairs));
            results[i] = Compute(pair.Reference.Span, pair.Degraded.Span, pair.SampleRate, mode, workspace).ToResult();
        }, cancellationToken);
        return results;
    }

    /// <summary>Validates and scores one pair with the given workspace, keeping the intermediate results.</summary>
    internal static PesqDetails Compute(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded, int sampleRate,
        PesqMode mode, PesqWorkspace workspace)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a PESQ mode");
        }

        var rate = PesqRate.For(sampleRate);
        if (rate is null || (mode == PesqMode.Wideband && sampleRate != 16000))
        {
            return PesqDetails.Failed(PesqFailure.InvalidSampleRate);
        }

        int shortest = sampleRate / 4;
        if (reference.Length < shortest || degraded.Length < shortest)
        {
            return PesqDetails.Failed(PesqFailure.TooShort);
        }

        if (!SampleMath.AllFinite(reference) || !SampleMath.AllFinite(degraded))
        {
            return PesqDetails.Failed(PesqFailure.NonFinite);
        }

        return workspace.Score(reference, degraded, rate, mode);
    }

    /// <summary>Scores with a fresh thread-local workspace and returns the intermediate results (diagnostics, tests).</summary>
    internal static PesqDetails ComputeDetails(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded,
        int sampleRate, PesqMode mode) =>
        Compute(reference, degraded, sampleRate, mode, WorkspaceFor(reference.Length, degraded.Length));

    /// <summary>
    /// The calling thread's cached workspace, or for very long inputs a transient one, so that one long file does
    /// not leave hundreds of megabytes of FFT plans and buffers attached to a pool thread.
    /// </summary>
    private static PesqWorkspace WorkspaceFor(int referenceLength, int degradedLength) =>
        Math.Max(referenceLength, degradedLength) > CachedWorkspaceSamples
            ? new PesqWorkspace()
            : t_workspace ??= new PesqWorkspace();
}
