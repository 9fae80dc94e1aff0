using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Syndication.Worker.Configuration;

/// <summary>
/// Checks every setting before anything runs, so a bad value stops the start with one line naming its key instead of
/// a stack trace from wherever it is first read: first that each value can be read as its type (for every options
/// class with a <c>SectionName</c>), then every options class's validation rules.
/// </summary>
internal static class ConfigurationCheck
{
    /// <summary>Values that cannot be read as their setting's type ("abc" for a number, an integer too large).</summary>
    /// <exception cref="InvalidConfigurationException">One line per unreadable value.</exception>
    public static void ThrowIfUnreadable(IConfiguration configuration)
    {
        var failures = new List<string>();
        foreach (var (section, type) in Sections())
        {
            Check(configuration.GetSection(section), type, failures);
        }
        if (failures.Count > 0)
        {
            throw new InvalidConfigurationException([.. failures.Distinct()]);
        }
    }

    /// <summary>Binds and validates every options class of ours registered in <paramref name="services"/>, collecting
    /// every failure rather than stopping at the first class (the host's own start-up validation stops at the first
    /// and logs it as a stack trace).</summary>
    /// <exception cref="InvalidConfigurationException">One line per failure.</exception>
    public static void ThrowIfInvalid(IServiceCollection services, IServiceProvider provider)
    {
        var failures = new List<string>();
        var types = services
            .Where(service => service.ServiceType.IsGenericType && service.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(service => service.ServiceType.GenericTypeArguments[0])
            .Where(type => type.Namespace?.StartsWith("Syndication.", StringComparison.Ordinal) == true)
            .Distinct();
        foreach (var type in types)
        {
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            try
            {
                _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            catch (TargetInvocationException error) when (error.InnerException is OptionsValidationException validation)
            {
                failures.AddRange(validation.Failures);
            }
            catch (TargetInvocationException error) when (IsBindingError(error.InnerException))
            {
                failures.Add(error.InnerException!.Message);
            }
        }
        if (failures.Count > 0)
        {
            throw new InvalidConfigurationException([.. failures.Distinct()]);
        }
    }

    /// <summary>The configuration binder's own error (a value it cannot convert), for a section not checked above.</summary>
    public static bool IsBindingError(Exception? error) =>
        error is InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" };

    /// <summary>Options classes and their sections: every class of ours with a <c>public const string SectionName</c>.</summary>
    private static IEnumerable<(string Section, Type Type)> Sections() =>
        typeof(ConfigurationCheck).Assembly.GetTypes()
            .Select(type => (Field: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static), Type: type))
            .Where(pair => pair.Field is { IsLiteral: true } && pair.Field.FieldType == typeof(string))
            .Select(pair => ((string)pair.Field!.GetRawConstantValue()!, pair.Type));

    private static void Check(IConfigurationSection section, Type type, List<string> failures)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite))
        {
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var child = section.GetSection(property.Name);
            if (IsSimple(target))
            {
                if (child.Value is { Length: > 0 } value && !CanConvert(value, target))
                {
                    failures.Add($"{child.Path}: '{value}' is not {Describe(target)}");
                }
            }
            else if (target.IsClass && !typeof(System.Collections.IEnumerable).IsAssignableFrom(target))
            {
                Check(child, target, failures);
            }
        }
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    /// <summary>As the binder converts: the type's converter, invariant culture.</summary>
    private static bool CanConvert(string value, Type type)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception error) when (error is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) => string.Create(CultureInfo.InvariantCulture, $"a whole number from {int.MinValue} to {int.MaxValue}"),
        _ when type == typeof(long) => string.Create(CultureInfo.InvariantCulture, $"a whole number from {long.MinValue} to {long.MaxValue}"),
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number (with a dot for decimals, e.g. 2.5)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a duration such as 00:05:00",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => $"a valid {type.Name}",
    };
}
