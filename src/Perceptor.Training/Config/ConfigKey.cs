namespace Perceptor.Training.Config;

/// <summary>One settable configuration key: its dotted path, value type, default and meaning.</summary>
public sealed record ConfigKey(string Path, Type ValueType, string DefaultValue, string Description)
{
    /// <summary>The type as a user reads it (<c>integer</c>, <c>number</c>, <c>true|false</c>, the enum's values).</summary>
    public string TypeName => ConfigKeys.DescribeType(ValueType);
}
