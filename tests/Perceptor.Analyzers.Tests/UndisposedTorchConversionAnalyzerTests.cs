using static Perceptor.Analyzers.Tests.AnalyzerHarness;

namespace Perceptor.Analyzers.Tests;

public class UndisposedTorchConversionAnalyzerTests
{
    [Fact]
    public void A_number_passed_as_a_pow_exponent_is_flagged()
    {
        Assert.Equal(["PCP0001 0.3"], Findings(AnalyzeBody("using var r = x.pow(0.3);")));
    }

    [Fact]
    public void A_tensor_times_a_number_is_flagged()
    {
        string[] findings = Findings(AnalyzeBody("using var r = x * 0.3;"));
        Assert.Equal(["PCP0003 x * 0.3"], findings);
    }

    [Fact]
    public void A_disposed_local_scalar_is_not_flagged()
    {
        Assert.Empty(AnalyzeBody("using var e = 0.3.ToScalar(); using var r = x.pow(e);"));
    }

    [Fact]
    public void A_cached_static_scalar_is_not_flagged()
    {
        Assert.Empty(AnalyzeBody("using var r = x.pow(Exponent);",
            "private static readonly Scalar Exponent = 0.3.ToScalar();"));
    }

    [Fact]
    public void A_scalar_made_inline_and_passed_straight_on_is_flagged()
    {
        Assert.Equal(["PCP0001 0.3.ToScalar()"], Findings(AnalyzeBody("using var r = x.pow(0.3.ToScalar());")));
    }

    [Fact]
    public void An_explicit_cast_to_scalar_is_flagged_like_the_implicit_conversion()
    {
        Assert.Equal(["PCP0001 0.3"], Findings(AnalyzeBody("using var r = x.pow((Scalar)0.3);")));
    }

    [Fact]
    public void Both_bounds_of_a_clamp_are_flagged()
    {
        Assert.Equal(["PCP0001 0.0", "PCP0001 v"], Findings(AnalyzeBody("using var r = x.clamp(0.0, v);")));
    }

    [Fact]
    public void A_number_compared_with_a_tensor_is_flagged()
    {
        Assert.Equal(["PCP0001 0.5"], Findings(AnalyzeBody("using var r = x > 0.5;")));
    }

    [Fact]
    public void A_number_converted_to_a_tensor_is_flagged()
    {
        Assert.Equal(["PCP0002 1.0f"], Findings(AnalyzeBody("Tensor t = 1.0f; t.Dispose();")));
    }

    [Fact]
    public void A_tensor_sum_and_square_are_flagged_because_torchsharp_leaks_inside_them()
    {
        Assert.Equal(["PCP0003 x + y", "PCP0003 x.square()"], Findings(AnalyzeBody("using var r = x + y; using var q = x.square();")));
    }

    [Fact]
    public void The_sum_with_an_owned_alpha_is_not_flagged()
    {
        Assert.Empty(AnalyzeBody("using var one = 1.ToScalar(); using var r = x.add(y, one); using var q = x.mul(y);"));
    }

    [Fact]
    public void Torchsharps_adamw_is_flagged_where_it_is_created()
    {
        var findings = Findings(AnalyzeBody("using var o = optim.AdamW(Array.Empty<TorchSharp.Modules.Parameter>(), lr: v);"));
        Assert.Equal(["PCP0003 optim.AdamW(Array.Empty<TorchSharp.Modules.Parameter>(), lr: v)"], findings);
    }

    [Fact]
    public void Reading_a_value_through_tensor_to_double_is_flagged()
    {
        Assert.Equal(["PCP0003 x.ToDouble()"], Findings(AnalyzeBody("double d = x.ToDouble();")));
    }

    [Fact]
    public void The_report_names_what_torchsharp_does_inside()
    {
        var diagnostic = Assert.Single(AnalyzeBody("using var r = x * 0.3;"));
        Assert.Contains("Scalar from right at Tensor.Operators.cs", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_stub_scalar_with_an_implicit_operator_is_recognised_by_its_name()
    {
        const string source = """
            namespace TorchSharp
            {
                public sealed class Scalar : System.IDisposable
                {
                    public static implicit operator Scalar(double value) => new();
                    public void Dispose() { }
                }
            }

            public static class Use
            {
                public static void Pow(TorchSharp.Scalar e) { }
                public static void Run() => Pow(0.3);
            }
            """;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => (Microsoft.CodeAnalysis.MetadataReference)Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(p));
        Assert.Equal(["PCP0001 0.3"], Findings(Analyze(source, references)));
    }

    [Fact]
    public void Code_without_torchsharp_is_left_alone()
    {
        const string source = """
            public sealed class Scalar
            {
                public static implicit operator Scalar(double value) => new();
            }

            public static class Use
            {
                public static void Pow(Scalar e) { }
                public static void Run() => Pow(0.3);
            }
            """;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => (Microsoft.CodeAnalysis.MetadataReference)Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(p));
        Assert.Empty(Analyze(source, references));
    }

}
