using System.Globalization;
using System.Text;

namespace Perceptor.Diagnostics.Tests.Fixtures;

/// <summary>An epoch-average CSV log like the user's, with configurable column names.</summary>
internal static class EpochCsv
{
    public const string StandardHeader = "epoch,train_gen_loss_avg,train_disc_loss_avg,test_gen_loss,test_disc_loss,test_pesq,lr_gen,lr_disc";

    /// <summary>The user's collapse as epoch averages, with the given header (same column order as the standard one).</summary>
    public static string Collapse(string header = StandardHeader, char separator = ',')
    {
        var sb = new StringBuilder();
        sb.Append(header.Replace(',', separator)).Append('\n');
        for (int e = 0; e < ReferenceLog.CollapsePesq.Length; e++)
        {
            sb.Append(string.Join(separator, new[]
            {
                e.ToString(CultureInfo.InvariantCulture),
                F(ReferenceLog.TrainLoss(e)), F(ReferenceLog.DiscLevel(e)), F(ReferenceLog.TestLoss(e)),
                F(ReferenceLog.DiscLevel(e) * 0.8), F(ReferenceLog.CollapsePesq[e]), F(5e-4), F(1e-3),
            })).Append('\n');
        }

        return sb.ToString();
    }

    public static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
