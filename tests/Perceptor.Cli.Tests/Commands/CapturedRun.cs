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

    /// <summary>
    /// As <c>perceptor</c> itself runs a command line: through <see cref="CommandLineRunner"/>, which turns a parse
    /// error into exit 2 and one line.
    /// </summary>
    public static (int Code, string Out, string Err) AsProgram(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CommandLineRunner.Run(Program.BuildRoot(), args, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    public static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}
