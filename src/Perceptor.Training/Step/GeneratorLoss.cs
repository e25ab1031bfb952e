using Perceptor.Diagnostics.RunLog;
using static TorchSharp.torch;

namespace Perceptor.Training.Step;

/// <summary>The generator's loss of one iteration: the weighted total to back-propagate, the unweighted terms the probe weighs again, their values.</summary>
internal sealed record GeneratorLoss(Tensor Total, Tensor Ri, Tensor Time, Tensor Gan, LossTerms Values);
