using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Two-stage conformer block on [B, C, T, F']: a conformer along time (one sequence per frequency row), then one
/// along frequency (one sequence per frame), each with an outer residual on top of the conformer's own.
/// State-dict names: time_conformer, freq_conformer.
/// </summary>
internal sealed class TsConformerBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "time_conformer")]
    private readonly ConformerBlock _timeConformer;
    [ComponentName(Name = "freq_conformer")]
    private readonly ConformerBlock _freqConformer;

    public TsConformerBlock(GeneratorConfig config)
        : base(nameof(TsConformerBlock))
    {
        _timeConformer = new ConformerBlock(config);
        _freqConformer = new ConformerBlock(config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long batch = input.shape[0], channels = input.shape[1], frames = input.shape[2], bins = input.shape[3];

        var timeSeq = input.permute(0, 3, 2, 1).reshape(batch * bins, frames, channels); // [B·F', T, C]
        timeSeq = _timeConformer.call(timeSeq).Plus(timeSeq); // [B·F', T, C]

        var freqSeq = timeSeq.view(batch, bins, frames, channels).permute(0, 2, 1, 3)
            .reshape(batch * frames, bins, channels); // [B·T, F', C]
        freqSeq = _freqConformer.call(freqSeq).Plus(freqSeq); // [B·T, F', C]

        var output = freqSeq.view(batch, frames, bins, channels).permute(0, 3, 1, 2); // [B, C, T, F']
        return output.MoveToOuterDisposeScope();
    }
}
