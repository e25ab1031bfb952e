using Perceptor.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Training.Step;

/// <summary>
/// A copy of both networks' buffers (batch-norm running means and variances, batch counts) taken before a step. A
/// forward pass in training mode updates them whatever the loss turns out to be, so a non-finite step would otherwise
/// leave NaN running statistics behind and every later evaluation would be NaN although the weights were kept.
/// </summary>
internal sealed class RunningBuffers(TrainingModels models) : IDisposable
{
    private readonly List<Tensor> _saved = [];

    /// <summary>Copies the current buffers.</summary>
    public void Save()
    {
        int i = 0;
        using (no_grad())
        {
            // Enumerated every step rather than cached: loading a checkpoint may hand the modules new buffer tensors.
            foreach (var buffer in Buffers())
            {
                if (i == _saved.Count)
                {
                    _saved.Add(buffer.detach().clone().DetachFromDisposeScope());
                }
                else
                {
                    _saved[i].copy_(buffer);
                }

                i++;
            }
        }
    }

    /// <summary>Puts back what <see cref="Save"/> copied.</summary>
    public void Restore()
    {
        int i = 0;
        using (no_grad())
        {
            foreach (var buffer in Buffers())
            {
                buffer.copy_(_saved[i++]);
            }
        }
    }

    private IEnumerable<Tensor> Buffers() => models.Generator.buffers().Concat(models.Discriminator.buffers());

    public void Dispose()
    {
        foreach (var saved in _saved)
        {
            saved.Dispose();
        }
    }
}
