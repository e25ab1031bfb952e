namespace Perceptor.Training.Config;

/// <summary>How the per-epoch evaluation is measured. Both are deterministic, so epochs compare.</summary>
public enum EvalMethod
{
    /// <summary>Whole test files, as CMGAN's <c>evaluation.py</c> scores them: wrap-padding to a multiple of 100, 16 s chunks.</summary>
    FullUtterance,

    /// <summary>One fixed centre crop of <c>train.cropSeconds</c> per test file (tiled when shorter); never random.</summary>
    FixedCrops,
}
