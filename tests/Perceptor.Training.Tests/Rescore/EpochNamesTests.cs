using Perceptor.Training.Rescore;

namespace Perceptor.Training.Tests.Rescore;

public class EpochNamesTests
{
    [Theory]
    [InlineData("CMGAN_epoch_7_0.105", 7)]
    [InlineData("CMGAN_epoch_12_0.098", 12)]
    [InlineData("epoch=7-step=5000.ckpt", 7)]
    [InlineData("gen_epoch_12.pth", 12)]
    [InlineData("epoch7.pt", 7)]
    [InlineData("Epoch-03.safetensors", 3)]
    [InlineData("ep7.pt", 7)]
    [InlineData("model-ep_04.pt", 4)]
    [InlineData("/runs/a/epoch_9/weights.pt", null)]
    public void The_epoch_is_read_from_names_trainers_write(string name, int? expected) =>
        Assert.Equal(expected, EpochNames.FromName(name));

    [Theory]
    [InlineData("step_700.pt")]
    [InlineData("step7.pt")]
    [InlineData("deep5.pt")]
    [InlineData("best.ckpt")]
    [InlineData("checkpoint_7.pt")]
    [InlineData("generator_seed0.pt")]
    public void Names_without_an_epoch_word_give_none(string name) => Assert.Null(EpochNames.FromName(name));
}
