using System.Reflection;
using Xunit.Sdk;
using static TorchSharp.torch;

namespace Perceptor.Tests;

/// <summary>
/// Seeds torch's global generator before each test, so random inputs and initial weights are the same in every run
/// and a tolerance that holds once holds always. Put on a collection definition, it covers every test of the
/// collection; the seed is fixed, and a test that needs another one still sets it itself.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class SeededTorchRandomAttribute : BeforeAfterTestAttribute
{
    /// <summary>The seed every test starts from.</summary>
    public const long Seed = 20261204;

    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest) => random.manual_seed(Seed);
}
