using Perceptor.Quality.Evaluation;

namespace Perceptor.Quality.Tests.Evaluation;

public class EvaluationCsvTests
{
    private static QualityScores Scores(double? pesq, string? pesqFailure)
    {
        var p = pesq is double v ? MetricValue.Of(v) : MetricValue.Failed(pesqFailure!);
        var composite = pesq is null ? MetricValue.Failed("needs PESQ") : MetricValue.Of(3.0);
        return new QualityScores(p, composite, composite, composite, MetricValue.Of(-1.5), MetricValue.Of(0.91),
            MetricValue.Of(7.25), MetricValue.Failed("too little speech"), 0.5, 30);
    }

    [Fact]
    public void Failed_metrics_are_empty_cells_with_grouped_reasons_and_text_is_quoted()
    {
        var table = new EvaluationTable(
        [
            new EvaluationRow("a,b", Scores(2.5, null), null, null, "resampled from 48000 Hz"),
            new EvaluationRow("c", Scores(null, "PESQ failed (no_utterances)"), null, null),
        ]);
        var lines = EvaluationCsv.Format(table).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // SI-SDR and ESTOI come after the columns that existed before them, so no earlier column moves.
        Assert.Equal("name,pesq,csig,cbak,covl,ssnr,stoi,failures,notes,si_sdr,estoi", lines[0]);
        Assert.Equal("\"a,b\",2.500000,3.000000,3.000000,3.000000,-1.500000,0.910000,estoi: too little speech,resampled from 48000 Hz,7.250000,", lines[1]);
        Assert.Equal("c,,,,,-1.500000,0.910000,pesq: PESQ failed (no_utterances); csig/cbak/covl: needs PESQ; estoi: too little speech,,7.250000,", lines[2]);
    }

    [Fact]
    public void Non_finite_values_never_become_numbers()
    {
        Assert.False(MetricValue.Of(double.NaN).HasValue);
        Assert.NotNull(MetricValue.Of(double.PositiveInfinity).Failure);
        Assert.Throws<ArgumentException>(() => MetricValue.Failed(" "));
    }

    [Fact]
    public void The_text_table_shows_means_counts_and_failures()
    {
        var table = new EvaluationTable(
        [
            new EvaluationRow("a", Scores(2.0, null), Scores(1.0, null), null),
            new EvaluationRow("b", Scores(3.0, null), Scores(null, "PESQ failed (too_short)"), null),
        ]);
        Assert.Equal(2.5, table.Summary(QualityMetric.Pesq).Mean);
        Assert.Equal(new MetricSummary(1.0, 1, 1), table.Summary(QualityMetric.Pesq, EvaluationSide.Noisy));
        Assert.Equal(new MetricSummary(1.0, 1, 1), table.Summary(QualityMetric.Pesq, EvaluationSide.Delta));
        string text = EvaluationTableText.Format(table);
        Assert.Contains("PESQ        2.500     1.000    +1.000       2       0", text, StringComparison.Ordinal);
        Assert.Contains("SI-SDR      7.250     7.250    +0.000       2       0", text, StringComparison.Ordinal);
        Assert.Contains("ESTOI           -         -         -       0       2", text, StringComparison.Ordinal);
    }
}
