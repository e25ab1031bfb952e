using Perceptor.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training.Step;

/// <summary>
/// TorchSharp's AdamW (Loshchilov &amp; Hutter 2019, decoupled weight decay) with its update step redone so that every
/// Scalar it passes to libtorch is owned and disposed after the call. TorchSharp's own step converts its
/// hyper-parameters to Scalars implicitly and never disposes them, so the garbage collector can free one while
/// libtorch is reading it (see <see cref="TorchScalars"/>). The arithmetic, its order, the state, the parameter
/// groups and the state dict are TorchSharp's, so checkpoints and results are unchanged.
/// </summary>
internal sealed class ScalarSafeAdamW : AdamW
{
    public ScalarSafeAdamW(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay)
        : base(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad: false, maximize: false)
    {
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, eps = options.eps!.Value;
        double lr = options.LearningRate!.Value, weightDecay = options.weight_decay!.Value;
        bool amsgrad = options.amsgrad!.Value, maximize = options.maximize!.Value;
        using var decay = (1 - lr * weightDecay).ToScalar();
        using var beta1Scalar = beta1.ToScalar();
        using var oneMinusBeta1 = (1 - beta1).ToScalar();
        using var beta2Scalar = beta2.ToScalar();
        using var oneMinusBeta2 = (1 - beta2).ToScalar();
        using var epsScalar = eps.ToScalar();

        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null)
            {
                continue;
            }

            if (maximize)
            {
                grad = -grad;
            }

            state.step += 1;
            param.mul_(decay);

            double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            double biasCorrection2 = 1 - Math.Pow(beta2, state.step);

            state.exp_avg.mul_(beta1Scalar).add_(grad, alpha: oneMinusBeta1);
            state.exp_avg_sq.mul_(beta2Scalar).addcmul_(grad, grad, value: oneMinusBeta2);

            var secondMoment = state.exp_avg_sq;
            if (amsgrad)
            {
                var previous = state.max_exp_avg_sq;
                state.max_exp_avg_sq = maximum(previous, state.exp_avg_sq).DetachFromDisposeScope();
                previous.Dispose();
                secondMoment = state.max_exp_avg_sq;
            }

            var denom = secondMoment.sqrt().DivScalar(Math.Sqrt(biasCorrection2)).add_(epsScalar, TorchScalars.One);

            using var stepSize = (-(lr / biasCorrection1)).ToScalar();
            param.addcdiv_(state.exp_avg, denom, value: stepSize);
        }
    }, closure);
}
