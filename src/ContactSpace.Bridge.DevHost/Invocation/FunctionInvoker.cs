using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using ContactSpace.Bridge.DevHost.Metadata;
using Microsoft.AspNetCore.Http;

namespace ContactSpace.Bridge.DevHost.Invocation;

/// <summary>
/// Calls one function method the way the isolated worker does: a fresh instance of the function class from the
/// invocation's DI scope, parameters bound by type (HttpRequest, HttpContext, CancellationToken), by the trigger
/// binding's name, or by name from the trigger's data (route values, binding data). Every parameter is checked at
/// start-up, so a function the DevHost cannot bind fails the start, not the first request.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly Type _type;
    private readonly MethodInfo _method;
    private readonly ParameterInfo[] _parameters;

    public FunctionInvoker(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
        (_type, _method) = Resolve(function);
        _parameters = _method.GetParameters();
        foreach (var parameter in _parameters)
        {
            EnsureBindable(parameter);
        }
    }

    public FunctionDescriptor Function { get; }

    public MethodInfo Method => _method;

    /// <summary>Runs the function and returns what it returned (awaited when it is a task).</summary>
    public async Task<object?> InvokeAsync(FunctionCall invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var instance = _method.IsStatic ? null : ActivatorUtilities.CreateInstance(invocation.Services, _type);
        try
        {
            var arguments = new object?[_parameters.Length];
            for (var i = 0; i < _parameters.Length; i++)
            {
                arguments[i] = Bind(_parameters[i], invocation);
            }

            var returned = _method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, CultureInfo.InvariantCulture);
            return await UnwrapAsync(returned).ConfigureAwait(false);
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static (Type Type, MethodInfo Method) Resolve(FunctionDescriptor function)
    {
        var split = function.EntryPoint.LastIndexOf('.');
        if (split <= 0)
        {
            throw new InvalidDataException($"Function '{function.Name}' has an entry point without a type: '{function.EntryPoint}'.");
        }

        var assembly = Assembly.Load(Path.GetFileNameWithoutExtension(function.ScriptFile));
        var type = assembly.GetType(function.EntryPoint[..split], throwOnError: true)!;
        var methodName = function.EntryPoint[(split + 1)..];
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .SingleOrDefault(m => m.Name == methodName)
            ?? throw new MissingMethodException(type.FullName, methodName);
        return (type, method);
    }

    private void EnsureBindable(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var isTrigger = string.Equals(parameter.Name, Function.Trigger.Name, StringComparison.OrdinalIgnoreCase);
        if (type == typeof(CancellationToken) || type == typeof(HttpRequest) || type == typeof(HttpContext) || isTrigger
            || parameter.HasDefaultValue || IsConvertible(type))
        {
            return;
        }

        throw new NotSupportedException(
            $"Function '{Function.Name}': the DevHost cannot bind parameter '{parameter.Name}' of type {type.Name}.");
    }

    private object? Bind(ParameterInfo parameter, FunctionCall invocation)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return invocation.CancellationToken;
        }

        if (type == typeof(HttpRequest))
        {
            return invocation.HttpContext?.Request ?? throw NotAvailable(parameter);
        }

        if (type == typeof(HttpContext))
        {
            return invocation.HttpContext ?? throw NotAvailable(parameter);
        }

        if (string.Equals(parameter.Name, Function.Trigger.Name, StringComparison.OrdinalIgnoreCase) && invocation.TriggerValue is not null)
        {
            return TriggerValueConverter.Convert(invocation.TriggerValue, type);
        }

        if (parameter.Name is not null && invocation.BindingData.TryGetValue(parameter.Name, out var value) && value is not null)
        {
            return ConvertBindingData(value, type, parameter);
        }

        return parameter.HasDefaultValue ? parameter.DefaultValue : throw NotAvailable(parameter);
    }

    private InvalidOperationException NotAvailable(ParameterInfo parameter) =>
        new($"Function '{Function.Name}': no value for parameter '{parameter.Name}'.");

    private static bool IsConvertible(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(string) || TypeDescriptor.GetConverter(target).CanConvertFrom(typeof(string));
    }

    private object? ConvertBindingData(object value, Type type, ParameterInfo parameter)
    {
        if (type.IsInstanceOfType(value))
        {
            return value;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        var text = Convert.ToString(value, CultureInfo.InvariantCulture);
        try
        {
            return TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text!);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException)
        {
            // The host answers a route value that does not convert with a failed invocation; say which one.
            throw new BindingException($"Function '{Function.Name}': '{parameter.Name}' is not a valid {target.Name}.", e);
        }
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case null:
                return null;
            case Task task:
                await task.ConfigureAwait(false);
                var resultProperty = task.GetType().GetProperty(nameof(Task<object>.Result));
                return resultProperty is null || task.GetType() == typeof(Task) || resultProperty.PropertyType.Name == "VoidTaskResult"
                    ? null
                    : resultProperty.GetValue(task);
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            default:
                var type = returned.GetType();
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
                {
                    var asTask = (Task)type.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
                    return await UnwrapAsync(asTask).ConfigureAwait(false);
                }

                return returned;
        }
    }
}

/// <summary>One call: the scope's services, the trigger's value and data, and the token that stops it.</summary>
public sealed record FunctionCall(IServiceProvider Services, CancellationToken CancellationToken)
{
    public HttpContext? HttpContext { get; init; }

    /// <summary>What the trigger delivered (a queue message, a TimerInfo); HTTP functions bind the request instead.</summary>
    public object? TriggerValue { get; init; }

    /// <summary>Values bound to parameters by name: route values, DequeueCount and the like.</summary>
    public IReadOnlyDictionary<string, object?> BindingData { get; init; } = new Dictionary<string, object?>();
}

/// <summary>A trigger value or route value that cannot become the parameter's type.</summary>
public sealed class BindingException : Exception
{
    public BindingException()
    {
    }

    public BindingException(string message)
        : base(message)
    {
    }

    public BindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
