using System.Net;
using System.Net.Http.Json;
using ContactSpace.Bridge.DevHost.Http;

namespace ContactSpace.Bridge.Functions.Tests;

/// <summary>The DevHost's HTTP side over real HTTP: the host's key checks, route binding, the demo pages.</summary>
[Collection(BridgeStackCollection.Name)]
public sealed class DevHostHttpTests(BridgeStack stack)
{
    [Fact]
    public async Task Anonymous_functions_need_no_key()
    {
        using var response = await stack.Http.GetAsync(stack.Api("health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData(FunctionKeyOptions.LocalFunctionKey, HttpStatusCode.OK)]
    [InlineData(FunctionKeyOptions.LocalMasterKey, HttpStatusCode.OK)]
    public async Task Function_level_takes_the_function_or_master_key_in_the_header(string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Api("agents"));
        if (key is not null)
        {
            request.Headers.Add(FunctionKeyAuthorizer.KeyHeader, key);
        }

        using var response = await stack.Http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_key_may_come_as_code_in_the_query()
    {
        using var response = await stack.Http.GetAsync(stack.Api("agents?code=" + FunctionKeyOptions.LocalFunctionKey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(FunctionKeyOptions.LocalFunctionKey, HttpStatusCode.Unauthorized)]
    [InlineData(FunctionKeyOptions.LocalMasterKey, HttpStatusCode.OK)]
    public async Task Admin_level_takes_only_the_master_key(string key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Api("ops/dead-letters"));
        request.Headers.Add(FunctionKeyAuthorizer.KeyHeader, key);

        using var response = await stack.Http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Route_values_bind_to_parameters_by_name()
    {
        var leadId = "no-such-lead-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Api("leads/" + leadId));
        request.Headers.Add(FunctionKeyAuthorizer.KeyHeader, FunctionKeyOptions.LocalFunctionKey);

        using var response = await stack.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(leadId, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_not_declared_are_not_served()
    {
        using var response = await stack.Http.DeleteAsync(stack.Api("health"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Two_functions_share_a_template_and_are_told_apart_by_method()
    {
        // GET leads/{leadId} (function key) and POST leads/{route} (anonymous, the route's own scheme).
        using var get = await stack.Http.GetAsync(stack.Api("leads/anything"));
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);

        using var post = await stack.Http.PostAsJsonAsync(stack.Api("leads/no-such-route"), new { first_name = "Ada" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Theory]
    [InlineData("/demo/lead-form.html", "action=\"/api/leads/demo-form\"")]
    [InlineData("/demo/thank-you.html", "Thank you")]
    [InlineData("/demo/error.html", "reason")]
    public async Task The_demo_pages_are_served(string path, string content)
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.DevHostUrl, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
