namespace Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed class SecurityTests(CompiledTemplate template)
{
    [Fact]
    public void Storage_accounts_refuse_shared_keys_and_public_blobs()
    {
        var accounts = template.ResourcesOfType("Microsoft.Storage/storageAccounts").ToList();

        Assert.NotEmpty(accounts);
        Assert.All(accounts, account =>
        {
            Assert.False((bool?)account["properties"]?["allowSharedKeyAccess"] ?? true, "allowSharedKeyAccess must be false.");
            Assert.False((bool?)account["properties"]?["allowBlobPublicAccess"] ?? true, "allowBlobPublicAccess must be false.");
        });
    }

    [Fact]
    public void No_account_key_or_connection_string_appears_anywhere()
    {
        Assert.DoesNotContain("AccountKey", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("StorageAccountConnectionString", template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Host_storage_is_identity_based()
    {
        var settings = template.AppSettings;

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage as a connection string would need a key.");
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("identityClientId", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.Contains("storageAccountName", settings["AzureWebJobsStorage__accountName"], StringComparison.Ordinal);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.True(settings.ContainsKey($"AzureWebJobsStorage__{service}ServiceUri"), $"AzureWebJobsStorage__{service}ServiceUri is missing.");
        }

        var deployment = template.ResourcesOfType("Microsoft.Web/sites").Single()["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("UserAssignedIdentity", (string?)deployment["authentication"]!["type"]);
    }

    [Fact]
    public void Application_insights_has_local_auth_disabled_and_the_app_authenticates_with_its_identity()
    {
        var components = template.ResourcesOfType("Microsoft.Insights/components").ToList();

        Assert.NotEmpty(components);
        Assert.All(components, c => Assert.True((bool?)c["properties"]?["DisableLocalAuth"] == true, "DisableLocalAuth must be true."));
        Assert.All(components, c => Assert.False(string.IsNullOrEmpty((string?)c["properties"]?["WorkspaceResourceId"]), "App Insights must sit on Log Analytics."));
        Assert.Contains("Authorization=AAD", template.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ContactSpace__ApiKey")]
    [InlineData("Bridge__Polling__PushSecret")]
    public void Secrets_are_key_vault_references(string setting)
    {
        var value = template.AppSettings[setting];
        var function = template.ApiTemplate["functions"]?.AsArray()
            .SelectMany(ns => ns!["members"]!.AsObject())
            .SingleOrDefault(m => value.Contains($".{m.Key}(", StringComparison.Ordinal));

        // The value is either a literal reference or a call of a user function that returns one.
        var reference = function?.Value?["output"]?["value"]?.ToString() ?? value;
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_secrets_become_key_vault_references()
    {
        var routeSettings = template.ApiTemplate["variables"]!["routeSettings"]!.ToString();

        Assert.Contains("Bridge__Routes__{0}__{1}", routeSettings, StringComparison.Ordinal);
        Assert.Contains("'secrets'", routeSettings, StringComparison.Ordinal);
        Assert.Contains("keyVaultReference", routeSettings, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_vault_uses_rbac_and_the_app_resolves_references_with_its_identity()
    {
        var vault = template.ResourcesOfType("Microsoft.KeyVault/vaults").Single(v => v["existing"] is null);
        var site = template.ResourcesOfType("Microsoft.Web/sites").Single();

        Assert.True((bool?)vault["properties"]!["enableRbacAuthorization"] == true);
        Assert.Contains("identityId", site["properties"]!["keyVaultReferenceIdentity"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner")]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor")]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor")]
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User")]
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher")]
    public void The_identity_gets_each_role_it_needs(string roleDefinitionId, string roleName)
    {
        var rbac = CompiledTemplate.ModuleTemplate(template.Root, "rbac");
        var assignments = CompiledTemplate.Resources(rbac)
            .Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments")
            .Select(r => WithReferencedVariables(rbac, CompiledTemplate.Json(r)))
            .ToList();
        var roleExpression = rbac["variables"]!["roles"]!.AsObject().Single(r => (string?)r.Value == roleDefinitionId).Key;

        Assert.True(
            assignments.Any(a => a.Contains(roleExpression, StringComparison.Ordinal) || a.Contains(roleDefinitionId, StringComparison.Ordinal)),
            $"No role assignment grants {roleName} ({roleDefinitionId}).");
    }

    // A looped assignment names its role through a variable (an array of roles): read that variable too.
    private static string WithReferencedVariables(System.Text.Json.Nodes.JsonObject module, string json)
        => json + string.Concat(module["variables"]!.AsObject()
            .Where(v => json.Contains($"variables('{v.Key}')", StringComparison.Ordinal))
            .Select(v => CompiledTemplate.Json(v.Value)));

    [Fact]
    public void Function_app_is_https_only_without_basic_auth_publishing()
    {
        var site = template.ResourcesOfType("Microsoft.Web/sites").Single();
        var policies = template.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.True((bool?)site["properties"]!["httpsOnly"] == true);
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False((bool?)p["properties"]!["allow"] ?? true));
    }
}
