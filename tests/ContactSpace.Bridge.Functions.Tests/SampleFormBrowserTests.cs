using ContactSpace.Simulator.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ContactSpace.Bridge.Functions.Tests;

/// <summary>The sample lead form in a real headless Chromium (Debian's package; Playwright never downloads one here).</summary>
[Collection(BridgeStackCollection.Name)]
public sealed class SampleFormBrowserTests(BridgeStack stack)
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task Submitting_the_sample_form_lands_on_the_thank_you_page_and_creates_the_record()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"{ChromiumPath} is missing: run scripts/install-tools.sh as root (it installs Debian's chromium package) or apt-get install -y chromium.");
        var email = $"grace.{Guid.NewGuid():N}@example.com";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(stack.DevHostUrl, "/demo/lead-form.html").ToString());
        await page.FillAsync("#first_name", "Grace");
        await page.FillAsync("#last_name", "Hopper");
        await page.FillAsync("#email", email);
        await page.FillAsync("#phone", "0412 345 679");
        await page.FillAsync("#message", "Please call after 3pm.");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/demo/thank-you.html**");

        Assert.Equal("Thank you", await page.TextContentAsync("#thank-you"));
        var record = Assert.Single(stack.Simulator.Services.GetRequiredService<SimulatorState>().Records(1),
            r => r.Fields.TryGetValue("Email_Address", out var value) && value == email);
        Assert.Equal("Grace", record.Fields["First_Name"]);
        Assert.Equal("61412345679", record.Fields["Mobile_Phone"]);
    }
}
