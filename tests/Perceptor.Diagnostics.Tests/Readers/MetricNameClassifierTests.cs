using Perceptor.Diagnostics.Readers;

namespace Perceptor.Diagnostics.Tests.Readers;

public class MetricNameClassifierTests
{
    [Theory]
    [InlineData("train_gen_loss_avg", "GenLoss", "Train")]
    [InlineData("trainGenLossAvg", "GenLoss", "Train")]
    [InlineData("Test Gen loss", "GenLoss", "Eval")]
    [InlineData("loss", "GenLoss", "Unspecified")]
    [InlineData("Generator loss", "GenLoss", "Unspecified")]
    [InlineData("disc_loss", "DiscLoss", "Unspecified")]
    [InlineData("Discriminator loss", "DiscLoss", "Unspecified")]
    [InlineData("dLoss", "DiscLoss", "Unspecified")]
    [InlineData("val_d_loss", "DiscLoss", "Eval")]
    [InlineData("test_pesq", "Pesq", "Eval")]
    [InlineData("PESQ", "Pesq", "Unspecified")]
    [InlineData("noisy_pesq", "NoisyPesq", "Unspecified")]
    [InlineData("lr_D", "LrDisc", "Unspecified")]
    [InlineData("gen-lr", "LrGen", "Unspecified")]
    [InlineData("learning_rate", "Lr", "Unspecified")]
    [InlineData("Epoch", "Epoch", "Unspecified")]
    [InlineData("global_step", "Step", "Unspecified")]
    [InlineData("loss_mag", "None", "Unspecified")]
    [InlineData("loss_weights", "None", "Unspecified")]
    [InlineData("disc_skipped", "None", "Unspecified")]
    [InlineData("GPU", "None", "Unspecified")]
    public void Understands_common_names(string name, string roleName, string splitName)
    {
        var role = Enum.Parse<MetricRole>(roleName);
        var split = Enum.Parse<MetricSplit>(splitName);
        var result = MetricNameClassifier.Classify(name);
        Assert.Equal(role, result.Role);
        if (role != MetricRole.None)
        {
            Assert.Equal(split, result.Split);
        }
    }

    [Fact]
    public void Splits_words_at_separators_and_case_changes()
    {
        Assert.Equal(["train", "gen", "loss", "avg"], MetricNameClassifier.Words("trainGenLoss_avg"));
        Assert.Equal(["lr", "d"], MetricNameClassifier.Words("LR-D"));
    }
}
