using ContactSpace.Simulator.Calls;
using ContactSpace.Simulator.Faults;
using ContactSpace.Simulator.State;
using ContactSpace.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ContactSpace.Simulator.Tests;

/// <summary>The simulator hosted in-process, with every log line captured and optional settings.</summary>
public sealed class SimulatorFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-5c1e7d";

    private readonly Dictionary<string, string?> _settings;

    public SimulatorFactory()
        : this([])
    {
    }

    private SimulatorFactory(Dictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?> { ["Simulator:ApiKey"] = ApiKey };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>A simulator with extra settings (e.g. <c>Simulator:SeedFile</c>); the caller disposes it.</summary>
    public static SimulatorFactory WithSettings(Dictionary<string, string?> settings) => new(settings);

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The simulator's clock: stored and answered times come from it, and latency waits on it.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 15, 9, 30, 0, TimeSpan.Zero));

    /// <summary>The simulator's date today, as <c>YYYY-MM-DD</c>.</summary>
    public string Today => Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public SimulatorState State => Services.GetRequiredService<SimulatorState>();

    public FaultInjector Faults => Services.GetRequiredService<FaultInjector>();

    public CallLog CallLog => Services.GetRequiredService<CallLog>();

    /// <summary>Back to the seed with no faults and an empty call log, for the next test.</summary>
    public void ResetAll()
    {
        State.Reset();
        Faults.Clear();
        CallLog.Clear();
    }

    /// <summary>Waits (up to 30 s, for slow shared machines) until the simulator has recorded <paramref name="count"/> calls.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (CallLog.Calls.Count < count)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    public ApiClient Api(HttpClient? client = null) => new(client ?? CreateClient(), ApiKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddFilter("ContactSpace.Simulator", LogLevel.Debug);
        });
    }
}

/// <summary>Shares one simulator among a test class; each test starts from the seed.</summary>
public abstract class SimulatorTestBase : IClassFixture<SimulatorFactory>
{
    protected SimulatorTestBase(SimulatorFactory factory)
    {
        Factory = factory;
        factory.ResetAll();
        Api = factory.Api();
    }

    protected SimulatorFactory Factory { get; }

    protected ApiClient Api { get; }
}
