using System.Globalization;

namespace Perceptor.Quality.Evaluation;

/// <summary>One metric of one file: a finite value, or no value and the reason why (never a silent zero).</summary>
public readonly record struct MetricValue
{
    private MetricValue(double? value, string? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The value; null when the metric could not be computed.</summary>
    public double? Value { get; }

    /// <summary>Why there is no value; null when there is one.</summary>
    public string? Failure { get; }

    /// <summary>True when <see cref="Value"/> holds a number.</summary>
    public bool HasValue => Value.HasValue;

    /// <summary>A value; a non-finite number becomes a failure saying so.</summary>
    public static MetricValue Of(double value, string whenNotFinite = "undefined (not a finite number)") =>
        double.IsFinite(value) ? new MetricValue(value, null) : new MetricValue(null, whenNotFinite);

    /// <summary>No value, for <paramref name="reason"/>.</summary>
    public static MetricValue Failed(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new MetricValue(null, reason);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Value is double v ? v.ToString("0.######", CultureInfo.InvariantCulture) : $"(none: {Failure})";
}
