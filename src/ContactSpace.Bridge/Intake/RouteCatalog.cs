using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

[assembly: InternalsVisibleTo("ContactSpace.Benchmarks")]

namespace ContactSpace.Bridge.Intake;

/// <summary>
/// The compiled routes of the current configuration. Recompiled when the options change, so a replay re-maps with
/// the route's current mapping.
/// </summary>
internal sealed class RouteCatalog
{
    private readonly IOptionsMonitor<BridgeOptions> _options;
    private Snapshot? _snapshot;

    public RouteCatalog(IOptionsMonitor<BridgeOptions> options) => _options = options;

    public IntakeLimitOptions Limits => Current.Options.Intake;

    public RouteDefinition? Find(string name) => Current.Routes.GetValueOrDefault(name);

    private Snapshot Current
    {
        get
        {
            var options = _options.CurrentValue;
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is null || !ReferenceEquals(snapshot.Options, options))
            {
                snapshot = new Snapshot(options, Compile(options, []));
                Volatile.Write(ref _snapshot, snapshot);
            }

            return snapshot;
        }
    }

    /// <summary>Compiles every route; routes with errors are left out and their errors added to <paramref name="errors"/>.</summary>
    public static Dictionary<string, RouteDefinition> Compile(BridgeOptions options, List<string> errors)
    {
        TimeZoneInfo.TryFindSystemTimeZoneById(options.AccountTimeZone, out var zone);
        var routes = new Dictionary<string, RouteDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, route) in options.Routes)
        {
            if (RouteCompiler.Compile(name, route, zone, errors) is { } compiled)
            {
                routes[name] = compiled;
            }
        }

        return routes;
    }

    private sealed record Snapshot(BridgeOptions Options, Dictionary<string, RouteDefinition> Routes);
}

/// <summary>Start-up validation of <see cref="BridgeOptions"/>: every error, each naming its route and setting.</summary>
internal sealed partial class BridgeOptionsValidator : IValidateOptions<BridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, BridgeOptions options)
    {
        var errors = new List<string>();
        var section = BridgeOptions.SectionName;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.AccountTimeZone, out _))
        {
            errors.Add($"{section}:AccountTimeZone '{options.AccountTimeZone}' is not a known IANA time zone (e.g. Australia/Sydney).");
        }

        if (options.Intake.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"{section}:Intake:MaxBodyBytes must be between 1024 and 67108864.");
        }

        if (options.Intake.MaxFields is < 1 or > 10_000)
        {
            errors.Add($"{section}:Intake:MaxFields must be between 1 and 10000.");
        }

        foreach (var routeName in options.Routes.Keys.Where(n => !RouteName().IsMatch(n)))
        {
            errors.Add($"{section}:Routes:{routeName}: a route name must be letters, digits, '-' or '_' (it is a URL segment).");
        }

        RouteCatalog.Compile(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RouteName();
}
