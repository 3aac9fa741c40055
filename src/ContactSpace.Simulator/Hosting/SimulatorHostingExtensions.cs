using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContactSpace.Simulator.Admin;
using ContactSpace.Simulator.Api;
using ContactSpace.Simulator.Calls;
using ContactSpace.Simulator.Faults;
using ContactSpace.Simulator.Seed;
using ContactSpace.Simulator.State;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactSpace.Simulator.Hosting;

/// <summary>Wires the simulator into an ASP.NET Core app: options, state, faults, call log, endpoints.</summary>
public static partial class SimulatorHostingExtensions
{
    public static WebApplicationBuilder AddContactSpaceSimulator(this WebApplicationBuilder builder)
    {
        ListenOnConfiguredPort(builder);
        var services = builder.Services;
        services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // TryAdd: a host (load driver, test) may register its own SimulatorSeed before or after this call.
        services.TryAddSingleton(sp => SeedLoader.Load(
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.SeedFile,
            sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath));
        services.AddSingleton(sp => new SimulatorState(
            sp.GetRequiredService<SimulatorSeed>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.RecordingBaseUrl));
        services.AddSingleton(sp => new FaultInjector(sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.FaultRandomSeed));
        services.AddSingleton(sp => new CallLog(sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.CallLogCapacity));
        services.AddSingleton<DataFunctions>();
        services.AddSingleton<AgentFunctions>();
        services.AddSingleton<SkillFunctions>();
        services.AddSingleton<ApiFunctionCatalog>();
        services.AddSingleton<ApiEndpoint>();
        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return builder;
    }

    /// <summary>The API on <c>/</c> (all 26 functions) and on the beta base path (section 3's), plus <c>/_sim/</c>.</summary>
    public static WebApplication MapContactSpaceSimulator(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var endpoint = app.Services.GetRequiredService<ApiEndpoint>();
        string[] methods = [HttpMethods.Get, HttpMethods.Post];
        app.MapMethods("/", methods, context => endpoint.HandleAsync(context, betaPath: false));

        var betaPath = options.BetaBasePath.TrimEnd('/');
        if (betaPath.Length > 0)
        {
            // Routing matches the path with or without its trailing slash.
            app.MapMethods(betaPath, methods, context => endpoint.HandleAsync(context, betaPath: true));
        }

        app.MapSimulatorAdmin();

        // Resolve the state now so a bad seed stops start-up instead of the first call.
        var state = app.Services.GetRequiredService<SimulatorState>();
        LogStarted(
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SimulatorHostingExtensions)),
            string.IsNullOrWhiteSpace(options.SeedFile) ? "the built-in account" : options.SeedFile,
            state.Initiatives().Count,
            options.BetaBasePath);
        return app;
    }

    private static void ListenOnConfiguredPort(WebApplicationBuilder builder)
    {
        var port = builder.Configuration[$"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.Port)}"];
        if (!string.IsNullOrWhiteSpace(port) && string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            var number = int.Parse(port, NumberStyles.None, CultureInfo.InvariantCulture);
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{number}"));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "contactSPACE simulator ready with {Seed} ({Initiatives} initiatives); beta functions also on {BetaBasePath}")]
    private static partial void LogStarted(ILogger logger, string seed, int initiatives, string betaBasePath);
}
