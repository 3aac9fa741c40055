using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Infra.Tests;

/// <summary>
/// What the code reads, found by reflection so that a rename in the code shows up here: the options classes
/// (a <c>public const string SectionName</c>), their required members, and the <c>%Name%</c> timer schedules.
/// </summary>
public static partial class ConfigurationContract
{
    /// <summary>The assemblies whose options and functions the template must serve.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } =
    [
        typeof(ContactSpace.Client.ContactSpaceClientOptions).Assembly,
        typeof(ContactSpace.Bridge.Leads.InsertMode).Assembly,
        Assembly.Load("ContactSpace.Bridge.Functions"),
    ];

    /// <summary>Options types and the section each binds from, in app-setting form (<c>Bridge__Polling</c>).</summary>
    public static IReadOnlyList<(Type Type, string Section)> OptionsTypes { get; } =
    [
        .. Assemblies.SelectMany(LoadableTypes)
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => (x.Type, Section: ToSettingName((string)x.Field!.GetRawConstantValue()!)))
            .OrderBy(x => x.Section, StringComparer.Ordinal),
    ];

    /// <summary>
    /// Settings the code requires: members marked <c>[Required]</c> or declared <c>required</c>, in every options
    /// type and the objects nested in it (dictionaries such as routes are configured per entry and skipped).
    /// </summary>
    public static IReadOnlyList<string> RequiredSettings()
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, section) in OptionsTypes)
        {
            CollectRequired(type, section, names, depth: 0);
        }

        return [.. names];
    }

    /// <summary>Schedule setting names used as <c>%Name%</c> by <c>[TimerTrigger]</c> parameters of the Functions app.</summary>
    public static IReadOnlyList<string> TimerScheduleSettings()
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var method in FunctionMethods())
        {
            foreach (var parameter in method.GetParameters())
            {
                var timer = parameter.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "TimerTriggerAttribute");
                if (timer?.ConstructorArguments.FirstOrDefault().Value is string schedule)
                {
                    foreach (Match match in AppSettingExpression().Matches(schedule))
                    {
                        names.Add(match.Groups[1].Value);
                    }
                }
            }
        }

        return [.. names];
    }

    /// <summary>Names of the Functions app's functions (<c>[Function("Name")]</c>).</summary>
    public static IReadOnlyList<string> FunctionNames()
        => [.. FunctionMethods().Select(m => m.GetCustomAttributesData().Single(a => a.AttributeType.Name == "FunctionAttribute").ConstructorArguments[0].Value as string).OfType<string>()];

    /// <summary>Queue names the Functions app's <c>[QueueTrigger]</c> parameters listen on.</summary>
    public static IReadOnlyList<string> TriggerQueueNames()
        => [.. FunctionMethods().SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "QueueTriggerAttribute")?.ConstructorArguments[0].Value as string)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Whether a setting under an options section binds to a member (so a renamed member fails):
    /// null when it binds or lies outside every section, else why it does not.
    /// </summary>
    public static string? BindingProblem(string settingName)
    {
        var owner = OptionsTypes
            .Where(o => settingName.StartsWith(o.Section + "__", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(o => o.Section.Length)
            .FirstOrDefault();
        if (owner.Type is null)
        {
            return null;
        }

        var path = settingName[(owner.Section.Length + 2)..].Split("__");
        return BindingProblem(owner.Type, path, 0, settingName);
    }

    /// <summary>Same as <see cref="BindingProblem(string)"/> for a path below one object of a known type.</summary>
    public static string? BindingProblem(Type type, IReadOnlyList<string> path, int index, string settingName)
    {
        if (index == path.Count)
        {
            return null;
        }

        if (IsScalar(type))
        {
            return $"{settingName}: '{path[index]}' goes below {type.Name}, which is a single value.";
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return BindingProblem(valueType, path, index + 1, settingName);
        }

        if (EnumerableElementType(type) is { } elementType)
        {
            return int.TryParse(path[index], out _)
                ? BindingProblem(elementType, path, index + 1, settingName)
                : $"{settingName}: '{path[index]}' should be a list index below {type.Name}.";
        }

        var property = type.GetProperty(path[index], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is null
            ? $"{settingName}: {type.Name} has no property '{path[index]}' (renamed or removed in the code?)."
            : BindingProblem(property.PropertyType, path, index + 1, settingName);
    }

    private static IEnumerable<MethodInfo> FunctionMethods()
        => LoadableTypes(Assemblies[^1])
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributesData().Any(a => a.AttributeType.Name == "FunctionAttribute"));

    public static string ToSettingName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static void CollectRequired(Type type, string prefix, SortedSet<string> names, int depth)
    {
        if (depth > 6)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = $"{prefix}__{property.Name}";
            if (property.IsDefined(typeof(RequiredAttribute)) || property.IsDefined(typeof(RequiredMemberAttribute)))
            {
                names.Add(name);
            }

            var propertyType = property.PropertyType;
            if (!IsScalar(propertyType) && DictionaryValueType(propertyType) is null && EnumerableElementType(propertyType) is null
                && propertyType.IsClass && propertyType.Assembly != typeof(object).Assembly)
            {
                CollectRequired(propertyType, name, names, depth + 1);
            }
        }
    }

    private static bool IsScalar(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(TimeSpan) || underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset)
            || underlying == typeof(Guid) || underlying == typeof(Uri);
    }

    private static Type? DictionaryValueType(Type type)
        => (GenericInterface(type, typeof(IDictionary<,>)) ?? GenericInterface(type, typeof(IReadOnlyDictionary<,>)))?[1];

    private static Type? EnumerableElementType(Type type)
        => type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) ? null
            : type.IsArray ? type.GetElementType()
            : GenericInterface(type, typeof(IEnumerable<>))?[0];

    private static Type[]? GenericInterface(Type type, Type generic)
        => (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == generic ? type : null)
            ?.GetGenericArguments()
            ?? type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic)?.GetGenericArguments();

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex AppSettingExpression();
}
