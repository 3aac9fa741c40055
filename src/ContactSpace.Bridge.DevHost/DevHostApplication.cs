using ContactSpace.Bridge.DevHost.Configuration;
using ContactSpace.Bridge.DevHost.Http;
using ContactSpace.Bridge.DevHost.Invocation;
using ContactSpace.Bridge.DevHost.Metadata;
using ContactSpace.Bridge.DevHost.Queues;
using ContactSpace.Bridge.DevHost.Timers;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ContactSpace.Bridge.DevHost;

/// <summary>
/// Builds the DevHost: the Functions app's services and configuration, every function of the build's
/// <c>functions.metadata</c> on its trigger (HTTP routes, queue listeners, timers) with <c>host.json</c>'s settings,
/// and the demo lead form under <c>/demo/</c>.
/// </summary>
public static partial class DevHostApplication
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>Creates the builder: configuration sources, services and trigger listeners. Add overrides before <see cref="Build"/>.</summary>
    /// <param name="args">Command-line arguments (configuration overrides, <c>--urls</c>).</param>
    /// <param name="loadLocalSettings">Read <c>local.settings.json</c>; tests turn it off to stay independent of a developer's file.</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, bool loadLocalSettings = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddFunctionsAppSources(loadLocalSettings);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var catalog = FunctionMetadataCatalog.Load(Path.Combine(AppContext.BaseDirectory, FunctionMetadataCatalog.FileName));
        var host = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, HostSettings.FileName));
        AddDevHostServices(builder.Services, builder.Configuration, catalog, host);
        return builder;
    }

    /// <summary>Builds the app: demo pages, the HTTP functions, and a start-up summary in the log.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(DevHostApplication).Assembly, "DemoSite"),
            RequestPath = "/demo",
        });

        var catalog = app.Services.GetRequiredService<FunctionMetadataCatalog>();
        var mapped = app.MapHttpFunctions(catalog, app.Services.GetRequiredService<HostSettings>());
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ContactSpace.Bridge.DevHost");
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(logger, app, mapped));
        return app;
    }

    private static void AddDevHostServices(IServiceCollection services, IConfiguration configuration, FunctionMetadataCatalog catalog, HostSettings host)
    {
        // The same composition as the Functions app's Program.cs.
        services.AddContactSpaceBridge(configuration);
        services.AddSingleton(catalog);
        services.AddSingleton(host);
        services.AddSingleton(TimeProvider.System);
        services.AddMvcCore();
        services.AddOptions<FunctionKeyOptions>().BindConfiguration(FunctionKeyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FunctionKeyAuthorizer>();

        foreach (var function in catalog.Functions)
        {
            // The host's switch for turning one function off: AzureWebJobs.<Name>.Disabled.
            if (configuration.GetValue<bool>($"AzureWebJobs.{function.Name}.Disabled"))
            {
                continue;
            }

            var trigger = function.Trigger;
            if (trigger.IsType(BindingDescriptor.QueueTrigger))
            {
                services.AddSingleton<IHostedService>(sp => CreateQueueListener(sp, function, trigger, host.Queues));
            }
            else if (trigger.IsType(BindingDescriptor.TimerTrigger))
            {
                services.AddSingleton<IHostedService>(sp => new TimerTriggerScheduler(
                    new FunctionInvoker(function),
                    TimerSchedule.Parse(trigger.Schedule ?? throw new InvalidDataException($"Timer function '{function.Name}' has no schedule."), sp.GetRequiredService<IConfiguration>()),
                    sp.GetRequiredService<IServiceScopeFactory>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<TimerTriggerScheduler>>()));
            }
            else if (!trigger.IsType(BindingDescriptor.HttpTrigger))
            {
                throw new NotSupportedException($"Function '{function.Name}' has a {trigger.Type} trigger, which the DevHost does not host.");
            }
        }
    }

    private static QueueTriggerListener CreateQueueListener(IServiceProvider services, FunctionDescriptor function, BindingDescriptor trigger, QueueSettings settings)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var connectionName = string.IsNullOrEmpty(trigger.Connection) ? "AzureWebJobsStorage" : trigger.Connection;
        var connectionString = configuration[connectionName] ?? configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Queue function '{function.Name}' needs the storage connection setting '{connectionName}'.");
        var queueName = Resolve(trigger.QueueName ?? throw new InvalidDataException($"Queue function '{function.Name}' has no queue name."), configuration);
        if (configuration.GetValue<TimeSpan?>("DevHost:QueueMessageLease") is { } lease)
        {
            settings = settings with { MessageLease = lease };
        }

        return new QueueTriggerListener(
            new FunctionInvoker(function),
            QueueTriggerListener.CreateClient(connectionString, queueName, settings),
            QueueTriggerListener.CreateClient(connectionString, queueName + QueueTriggerListener.PoisonSuffix, settings),
            settings,
            services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<QueueTriggerListener>>());
    }

    // Binding expressions: a queue name may be an app setting reference (%Name%).
    private static string Resolve(string value, IConfiguration configuration) =>
        value.Length > 2 && value[0] == '%' && value[^1] == '%'
            ? configuration[value[1..^1]] ?? throw new InvalidOperationException($"App setting '{value[1..^1]}' is not set.")
            : value;

    private static void LogStarted(ILogger logger, WebApplication app, IReadOnlyList<string> mapped)
    {
        foreach (var line in mapped)
        {
            LogHttpFunction(logger, line);
        }

        var keys = app.Services.GetRequiredService<IOptions<FunctionKeyOptions>>().Value;
        if (keys.FunctionKey == FunctionKeyOptions.LocalFunctionKey)
        {
            LogLocalKey(logger, "function", FunctionKeyOptions.LocalFunctionKey, "DevHost:FunctionKey");
        }

        if (keys.MasterKey == FunctionKeyOptions.LocalMasterKey)
        {
            LogLocalKey(logger, "master (admin)", FunctionKeyOptions.LocalMasterKey, "DevHost:MasterKey");
        }

        LogListening(logger, string.Join(", ", app.Urls));
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "HTTP function {Function}")]
    private static partial void LogHttpFunction(ILogger logger, string function);

    // Only the well-known local defaults are ever printed; a configured key is not.
    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Local {Kind} key (default; set {Setting} to change): {Key}")]
    private static partial void LogLocalKey(ILogger logger, string kind, string key, string setting);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "DevHost listening on {Urls}; sample lead form at /demo/lead-form.html")]
    private static partial void LogListening(ILogger logger, string urls);
}
