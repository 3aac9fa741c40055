using System.Text;
using System.Text.Json;
using ContactSpace.Bridge.Delivery;
using ContactSpace.Bridge.Delivery.Http;
using ContactSpace.Bridge.Intake;
using ContactSpace.Simulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Functions.Tests;

/// <summary>
/// Function classes called directly with a <c>DefaultHttpContext</c>, on the services the Functions app's
/// Program.cs registers (<c>AddContactSpaceBridge</c>), against the stack's Azurite and simulator.
/// </summary>
[Collection(BridgeStackCollection.Name)]
public sealed class FunctionClassTests(BridgeStack stack) : IDisposable
{
    private readonly ServiceProvider _services = BuildServices(stack);

    [Fact]
    public async Task Health_answers_ok()
    {
        var context = NewContext("GET");
        var status = await ExecuteAsync(new HealthFunction().Health(context.Request), context);
        Assert.Equal(StatusCodes.Status200OK, status);
    }

    [Fact]
    public async Task ReceiveLead_hands_the_post_to_intake_and_renders_its_answer()
    {
        var email = $"ada.{Guid.NewGuid():N}@example.com";
        var context = NewContext("POST", JsonSerializer.Serialize(new { first_name = "Ada", email, mobile = "0412 345 678" }));
        context.Request.Headers["x-functions-key"] = BridgeStack.DemoRouteKey;
        using var scope = _services.CreateScope();
        context.RequestServices = scope.ServiceProvider;
        var function = new LeadIntakeFunctions(scope.ServiceProvider.GetRequiredService<LeadIntakeHttpHandler>());

        var status = await ExecuteAsync(await function.ReceiveLead(context.Request, "demo", CancellationToken.None), context);

        Assert.Equal(StatusCodes.Status201Created, status);
        Assert.Single(stack.Simulator.Services.GetRequiredService<SimulatorState>().Records(1),
            r => r.Fields.TryGetValue("Email_Address", out var value) && value == email);
    }

    [Fact]
    public async Task ReceiveLead_for_an_unknown_route_is_404()
    {
        var context = NewContext("POST", "{}");
        using var scope = _services.CreateScope();
        context.RequestServices = scope.ServiceProvider;
        var function = new LeadIntakeFunctions(scope.ServiceProvider.GetRequiredService<LeadIntakeHttpHandler>());

        var status = await ExecuteAsync(await function.ReceiveLead(context.Request, "no-such-route", CancellationToken.None), context);

        Assert.Equal(StatusCodes.Status404NotFound, status);
    }

    [Fact]
    public async Task GetLead_for_an_unknown_lead_is_404()
    {
        var context = NewContext("GET");
        var function = new LeadStatusFunctions(_services.GetRequiredService<LeadStatusEndpoint>());

        var result = await function.GetLead(context.Request, "no-such-lead", CancellationToken.None);

        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<ObjectResult>(result).StatusCode);
    }

    [Theory]
    [InlineData("reason=Bogus")]
    [InlineData("pageSize=0")]
    [InlineData("from=yesterday")]
    public async Task ListDeadLetters_refuses_a_bad_query(string query)
    {
        var context = NewContext("GET");
        context.Request.QueryString = new QueryString("?" + query);
        var function = new DeadLetterFunctions(_services.GetRequiredService<DeadLetterEndpoints>());

        var result = await function.ListDeadLetters(context.Request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ObjectResult>(result).StatusCode);
    }

    [Fact]
    public async Task ReplayDeadLetters_needs_ids()
    {
        var context = NewContext("POST", """{"ids": []}""");
        var function = new DeadLetterFunctions(_services.GetRequiredService<DeadLetterEndpoints>());

        var result = await function.ReplayDeadLetters(context.Request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsType<ObjectResult>(result).StatusCode);
    }

    [Fact]
    public async Task DiscardDeadLetter_of_an_unknown_id_is_404()
    {
        var context = NewContext("DELETE");
        var function = new DeadLetterFunctions(_services.GetRequiredService<DeadLetterEndpoints>());

        var result = await function.DiscardDeadLetter(context.Request, "no-such-dead-letter", CancellationToken.None);

        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<ObjectResult>(result).StatusCode);
    }

    public void Dispose() => _services.Dispose();

    private static ServiceProvider BuildServices(BridgeStack stack)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = stack.Azurite.ConnectionString,
            ["ContactSpace:BaseUrl"] = stack.SimulatorUrl.ToString(),
            ["ContactSpace:BetaBaseUrl"] = new Uri(stack.SimulatorUrl, "beta/").ToString(),
            ["ContactSpace:ApiKey"] = BridgeStack.SimulatorKey,
            ["Bridge:Routes:demo:Preset"] = "zapier",
            ["Bridge:Routes:demo:DatasetId"] = "1",
            ["Bridge:Routes:demo:InitiativeId"] = "1",
            ["Bridge:Routes:demo:DedupeField"] = "Lead_ID",
            ["Bridge:Routes:demo:Auth:Scheme"] = "FunctionKey",
            ["Bridge:Routes:demo:Auth:Secret"] = BridgeStack.DemoRouteKey,
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration);
        services.AddMvcCore();
        services.AddContactSpaceBridge(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private DefaultHttpContext NewContext(string method, string? body = null)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    // What the host does with a returned IActionResult: execute it against the response.
    private static async Task<int> ExecuteAsync(IActionResult result, HttpContext context)
    {
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return context.Response.StatusCode;
    }
}
