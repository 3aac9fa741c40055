using System.Text;
using ContactSpace.Bridge.Intake;
using ContactSpace.Bridge.Leads;
using ContactSpace.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ContactSpace.Bridge.Tests.Intake;

/// <summary>
/// Intake wired the way the hosts wire it (<c>AddLeadIntake</c> over configuration keys), with a fake clock, a
/// substitute <see cref="ILeadAcceptor"/> and captured logs.
/// </summary>
internal sealed class IntakeHarness : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public IntakeHarness(IDictionary<string, string?> settings, DateTimeOffset? now = null)
    {
        Time = new FakeTimeProvider(now ?? Now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Acceptor);
        services.AddLeadIntake(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public ILeadAcceptor Acceptor { get; } = Substitute.For<ILeadAcceptor>();

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _services;

    public LeadIntakeHttpHandler Handler => _services.CreateScope().ServiceProvider.GetRequiredService<LeadIntakeHttpHandler>();

    internal LeadPreparer Preparer => _services.GetRequiredService<LeadPreparer>();

    public ILeadRemapper Remapper => _services.GetRequiredService<ILeadRemapper>();

    /// <summary>A route on a preset with a dataset, plus extra settings (keys relative to the route).</summary>
    public static Dictionary<string, string?> Route(string name, string? preset, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Bridge:Routes:{name}:DatasetId"] = "101",
            [$"Bridge:Routes:{name}:InitiativeId"] = "7",
        };
        if (preset is not null)
        {
            settings[$"Bridge:Routes:{name}:Preset"] = preset;
        }

        foreach (var (key, value) in extra)
        {
            settings[$"Bridge:Routes:{name}:{key}"] = value;
        }

        return settings;
    }

    public static IntakeRequest Request(string route, string body, string? contentType, params (string Name, string Value)[] headers)
        => Request(route, Encoding.UTF8.GetBytes(body), contentType, new Uri($"https://bridge.example.com/api/leads/{route}"), headers);

    public static IntakeRequest Request(string route, byte[] body, string? contentType, Uri url, params (string Name, string Value)[] headers)
        => new(route, "POST", url, headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase), body, contentType);

    public static DefaultHttpContext HttpContext(string method, string route, byte[] body, string? contentType, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("bridge.example.com");
        context.Request.Path = $"/api/leads/{route}";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Request.ContentType = contentType;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Runs the handler and executes its result against the context, as the host would.</summary>
    public async Task<HttpResponseSnapshot> SendAsync(DefaultHttpContext context, string route)
    {
        var result = await Handler.HandleAsync(context.Request, route, CancellationToken.None);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return new HttpResponseSnapshot(context.Response.StatusCode, context.Response.Headers, context.Response.ContentType, await reader.ReadToEndAsync());
    }

    public static string Fixture(string relativePath) => File.ReadAllText(FixturePath(relativePath));

    public static string FixturePath(string relativePath) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath);

    public void Dispose()
    {
        _services.Dispose();
        Logs.Dispose();
    }
}

internal sealed record HttpResponseSnapshot(int Status, IHeaderDictionary Headers, string? ContentType, string Body)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;
}
