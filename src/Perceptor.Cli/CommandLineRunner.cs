using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Perceptor.Cli;

/// <summary>
/// Parses and runs a command line so that every usage error of every command (an unknown option, a value that is not
/// of the option's type, a missing required option or argument) exits with 2 and one line naming the problem, instead
/// of System.CommandLine's default of 1 and the whole help text. Scripts can then tell a wrong call (2) from a run
/// whose items failed (1). Help and version requests run as usual.
/// </summary>
public static class CommandLineRunner
{
    /// <summary>The exit code of a usage error or of input that cannot be used at all.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command.</summary>
    public static int Run(RootCommand root, IReadOnlyList<string> args, InvocationConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parse = root.Parse(args);
        if (parse.Action is not ParseErrorAction || parse.Errors.Count == 0)
        {
            return configuration is null ? parse.Invoke() : parse.Invoke(configuration);
        }

        TextWriter error = configuration?.Error ?? Console.Error;
        // Every problem on the one line, so a script's log names all of them without the help text around them.
        string problems = string.Join("; ", parse.Errors.Select(Describe).Distinct(StringComparer.Ordinal));
        error.WriteLine($"{CommandPath(parse.CommandResult)}: {problems} (see '{CommandPath(parse.CommandResult)} --help')");
        return UsageExitCode;
    }

    /// <summary>One plain sentence for a parse error: a value that does not convert names the option and what it needs.</summary>
    public static string Describe(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (name, valueType, tokens) = error.SymbolResult switch
        {
            OptionResult o => (o.Option.Name, o.Option.ValueType, o.Tokens),
            ArgumentResult { Parent: OptionResult o } a => (o.Option.Name, a.Argument.ValueType, a.Tokens),
            ArgumentResult a => ($"<{a.Argument.Name}>", a.Argument.ValueType, a.Tokens),
            _ => (null, null, null),
        };
        if (name is not null && valueType is not null && tokens is not null && Expected(valueType) is { } expected)
        {
            foreach (var token in tokens)
            {
                if (!expected.Parses(token.Value))
                {
                    return $"{name}: '{token.Value}' is not {expected.What}";
                }
            }
        }

        // Some messages list the allowed values on lines of their own: keep them on the one line.
        return string.Join(' ', error.Message.Split(['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
    }

    // What a value of a numeric option must look like, for the message; other types keep the parser's own message.
    private static (Func<string, bool> Parses, string What)? Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var c = CultureInfo.InvariantCulture;
        if (type == typeof(double) || type == typeof(float))
        {
            return (s => double.TryParse(s, NumberStyles.Float, c, out _), "a number");
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return (s => long.TryParse(s, NumberStyles.Integer, c, out long v) && (type == typeof(long) || v is >= int.MinValue and <= int.MaxValue),
                "a whole number");
        }

        return null;
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Parent is null ? "perceptor" : c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
