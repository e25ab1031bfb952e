using Perceptor.Models.Blocks;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models;

/// <summary>
/// The CMGAN generator (Cao et al., Interspeech 2022, as in its reference implementation): input the compressed
/// noisy spectrum [B, 2, T, F] (channel 0 real, 1 imaginary), output the compressed enhanced spectrum as
/// (real, imag), each [B, 1, T, F].
/// </summary>
/// <remarks>
/// Path: stack (|Y|, Re, Im) → dense encoder (F → F' = (F + 1)/2) → <see cref="GeneratorConfig.ConformerBlocks"/>
/// two-stage conformer blocks → a mask decoder giving the magnitude mask M and a complex decoder giving the residual
/// (ΔRe, ΔIm), both reading the last conformer block → X̂ = M·|Y|·e^{jθ_Y} + (ΔRe + jΔIm). The mask activation
/// is the reference's per-bin PReLU (slopes −0.25, so M starts non-negative but is unbounded) unless
/// <see cref="GeneratorConfig.MaskActivation"/> selects the bounded learnable sigmoid; both have F parameters.
/// State-dict names equal the reference's (<c>dense_encoder.*</c>, <c>TSCB_1…TSCB_n.*</c>, <c>mask_decoder.*</c>,
/// <c>complex_decoder.*</c>, down to the sequential indices such as <c>conv.net.4.conv.weight</c>), so released
/// PyTorch weights map one to one by name: the key set is the reference's, batch norm's running statistics and
/// <c>num_batches_tracked</c> included, and modules are registered in the reference's order.
/// </remarks>
public sealed class CmganGenerator : nn.Module<Tensor, (Tensor Real, Tensor Imag)>
{
    [ComponentName(Name = "dense_encoder")]
    private readonly DenseEncoder _denseEncoder;
    private readonly TsConformerBlock[] _conformerBlocks;
    [ComponentName(Name = "mask_decoder")]
    private readonly MaskDecoder _maskDecoder;
    [ComponentName(Name = "complex_decoder")]
    private readonly ComplexDecoder _complexDecoder;

    /// <summary>Builds a generator of the given size.</summary>
    public CmganGenerator(GeneratorConfig config)
        : base(nameof(CmganGenerator))
    {
        Config = config ?? throw new ArgumentNullException(nameof(config));
        config.Validate();
        _denseEncoder = new DenseEncoder(3, config.Channels, config.DenseDepth);
        _conformerBlocks = new TsConformerBlock[config.ConformerBlocks];
        for (int i = 0; i < _conformerBlocks.Length; i++)
        {
            _conformerBlocks[i] = new TsConformerBlock(config);
        }

        _maskDecoder = new MaskDecoder(config);
        _complexDecoder = new ComplexDecoder(config);

        // Registered by hand in the reference's order (the blocks are an array, which field registration skips).
        register_module("dense_encoder", _denseEncoder);
        for (int i = 0; i < _conformerBlocks.Length; i++)
        {
            register_module($"TSCB_{i + 1}", _conformerBlocks[i]);
        }

        register_module("mask_decoder", _maskDecoder);
        register_module("complex_decoder", _complexDecoder);
        RegisterComponents();
    }

    /// <summary>The size this generator was built with.</summary>
    public GeneratorConfig Config { get; }

    /// <inheritdoc />
    public override (Tensor Real, Tensor Imag) forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var trace = Run(input);
        return (trace.Real.MoveToOuterDisposeScope(), trace.Imag.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The forward pass keeping every intermediate (encoder output, each conformer block's output, the mask and
    /// the complex residual). Costs no more compute than <see cref="nn.Module{T, TResult}.forward(T)"/>, but keeps
    /// the intermediates alive until the trace is disposed.
    /// </summary>
    public GeneratorTrace Trace(Tensor input)
    {
        using var scope = NewDisposeScope();
        var trace = Run(input);
        return new GeneratorTrace(
            trace.Encoded.MoveToOuterDisposeScope(),
            [.. trace.ConformerOutputs.Select(t => t.MoveToOuterDisposeScope())],
            trace.Mask.MoveToOuterDisposeScope(),
            trace.ComplexResidual.MoveToOuterDisposeScope(),
            trace.Real.MoveToOuterDisposeScope(),
            trace.Imag.MoveToOuterDisposeScope());
    }

    private GeneratorTrace Run(Tensor input)
    {
        CheckInput(input);
        var real = input.narrow(1, 0, 1); // [B, 1, T, F]
        var imag = input.narrow(1, 1, 1); // [B, 1, T, F]
        var magnitude = real.Squared().Plus(imag.Squared()).sqrt(); // [B, 1, T, F]
        var phase = atan2(imag, real); // [B, 1, T, F]
        var features = cat([magnitude, input], 1); // [B, 3, T, F]: (|Y|, Re, Im)

        var x = _denseEncoder.call(features); // [B, C, T, F']
        var encoded = x;
        var blockOutputs = new Tensor[_conformerBlocks.Length];
        for (int i = 0; i < _conformerBlocks.Length; i++)
        {
            x = _conformerBlocks[i].call(x); // [B, C, T, F']
            blockOutputs[i] = x;
        }

        var mask = _maskDecoder.call(x); // [B, 1, T, F]
        var residual = _complexDecoder.call(x); // [B, 2, T, F]
        var maskedMagnitude = mask * magnitude; // [B, 1, T, F]
        var outReal = (maskedMagnitude * phase.cos()).Plus(residual.narrow(1, 0, 1)); // [B, 1, T, F]
        var outImag = (maskedMagnitude * phase.sin()).Plus(residual.narrow(1, 1, 1)); // [B, 1, T, F]
        return new GeneratorTrace(encoded, blockOutputs, mask, residual, outReal, outImag);
    }

    private void CheckInput(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != 2 || input.shape[3] != Config.FrequencyBins)
        {
            throw new ArgumentException(
                $"CMGAN generator: input must be [B, 2, T, {Config.FrequencyBins}] (real/imag, time, frequency), got [{string.Join(", ", input.shape)}]",
                nameof(input));
        }
    }
}
