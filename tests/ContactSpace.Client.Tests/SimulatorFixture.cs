using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContactSpace.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Client.Tests;

/// <summary>
/// The simulator hosted in-process (its built-in account), with a client whose primary handler is the test server's.
/// Each test class gets a fresh simulator; <see cref="ResetAsync"/> restores the seed between tests.
/// </summary>
public sealed class SimulatorFixture : IDisposable
{
    public const string ApiKey = "sim-test-k3y-9f8e7d";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly WebApplicationFactory<Program> _factory;
    private readonly ServiceProvider _clientServices;

    public SimulatorFixture()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("Simulator:ApiKey", ApiKey);
            host.UseSetting("Simulator:BetaBasePath", "/beta/");
            host.UseSetting("Simulator:SeedFile", string.Empty);
        });
        Admin = _factory.CreateDefaultClient();
        ClientLogs = new CapturingLoggerProvider();
        _clientServices = ClientServices(ClientLogs);
        Client = _clientServices.GetRequiredService<ContactSpaceClient>();
    }

    public ContactSpaceClient Client { get; }

    /// <summary>A plain HTTP client on the simulator, for its <c>/_sim/</c> admin endpoints.</summary>
    public HttpClient Admin { get; }

    public CapturingLoggerProvider ClientLogs { get; }

    /// <summary>A separately configured client on the same simulator (dispose the provider).</summary>
    public ServiceProvider ClientServices(
        CapturingLoggerProvider logs, Action<ContactSpaceClientOptions>? configure = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddContactSpaceClient(o =>
        {
            o.BaseUrl = _factory.Server.BaseAddress;
            o.BetaBaseUrl = new Uri(_factory.Server.BaseAddress, "beta/");
            o.ApiKey = ApiKey;
            o.MaxReadRetries = 0;
            o.MaxRequestsPerSecond = 1000;
            configure?.Invoke(o);
        });
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => _factory.Server.CreateHandler()));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services.BuildServiceProvider();
    }

    public async Task ResetAsync() => (await Admin.PostAsync(new Uri("/_sim/reset", UriKind.Relative), null)).EnsureSuccessStatusCode();

    public async Task AddFaultAsync(object rule)
        => (await Admin.PostAsJsonAsync(new Uri("/_sim/faults", UriKind.Relative), rule, _json)).EnsureSuccessStatusCode();

    public async Task<T> AdminGetAsync<T>(string path)
        => (await Admin.GetFromJsonAsync<T>(new Uri(path, UriKind.Relative), _json))!;

    public async Task<T> AdminPostAsync<T>(string path, object body)
    {
        var response = await Admin.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, _json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(_json))!;
    }

    public void Dispose()
    {
        _clientServices.Dispose();
        Admin.Dispose();
        _factory.Dispose();
    }
}

/// <summary>The parts of the simulator's admin answers these tests read.</summary>
public sealed record SimCallView(long Id, long InitiativeId, long RecordId, long UserId, long OutcomeId, DateTime CompletedAt, Uri RecordingUrl);

public sealed record RecordedCallView(long Sequence, string Function, string Path, Dictionary<string, string> Parameters, int? Status, string? Fault);
