using System.CommandLine;

namespace Perceptor.Cli.Tests.Commands;

/// <summary>Runs a command line through the whole command tree with its standard output and error captured.</summary>
internal static class CapturedRun
{
    public static (int Code, string Out, string Err) Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    public static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
