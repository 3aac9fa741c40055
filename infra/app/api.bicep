metadata description = 'The bridge: a Flex Consumption function app with every app setting the code reads.'

import { routeType } from 'types.bicep'

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app.')
param tags object = {}

@description('Name of the azd service this app hosts (the azd-service-name tag).')
param serviceName string = 'api'

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of the user-assigned identity.')
param identityClientId string

@description('Name of the storage account (host storage and the bridge\'s queues and tables).')
param storageAccountName string

@description('Blob service endpoint of the storage account.')
param storageBlobEndpoint string

@description('Queue service endpoint of the storage account.')
param storageQueueEndpoint string

@description('Table service endpoint of the storage account.')
param storageTableEndpoint string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('URI of the Key Vault holding the secrets, with a trailing slash.')
param keyVaultUri string

@description('Key Vault secret names: the contactSPACE API key and the push receiver\'s secret.')
param secretNames { contactSpaceApiKey: string, pushSecret: string }

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most instances the app may scale out to (already capped by the contactSPACE rate limit).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances for the HTTP functions (0 for none).')
@minValue(0)
param alwaysReadyHttpInstanceCount int

@description('contactSPACE production API base URL (ContactSpace:BaseUrl).')
param contactSpaceBaseUrl string

@description('contactSPACE beta API base URL (ContactSpace:BetaBaseUrl).')
param contactSpaceBetaBaseUrl string

@description('contactSPACE calls per second per instance (ContactSpace:MaxRequestsPerSecond).')
@minValue(1)
param contactSpaceMaxRequestsPerSecond int

@description('Timeout of one contactSPACE call as a TimeSpan, e.g. 00:00:10 (ContactSpace:Timeout).')
param contactSpaceTimeout string

@description('NCRONTAB schedule of the agent-status poller (AgentStatusSchedule).')
param agentStatusSchedule string

@description('NCRONTAB schedule of the call-outcome poller (CallOutcomeSchedule).')
param callOutcomeSchedule string

@description('The contactSPACE account\'s IANA time zone (Bridge:AccountTimeZone, used by intake and the pollers).')
param accountTimeZone string

@description('Intake routes by name (Bridge:Routes:{name}).')
param routes { *: routeType }

@description('Further app settings (name to value), e.g. Bridge__Delivery__* tuning; they override the computed ones.')
param additionalAppSettings object

func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName}/)'

// Identity-based host storage: no connection string and no account key anywhere. The service URIs serve the
// bridge's own queue and table clients; accountName serves the Functions host.
var storageSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
}

// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not set: Flex Consumption refuses them
// (the runtime is functionAppConfig.runtime).
var appSettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identityClientId
  ContactSpace__BaseUrl: contactSpaceBaseUrl
  ContactSpace__BetaBaseUrl: contactSpaceBetaBaseUrl
  ContactSpace__ApiKey: keyVaultReference(keyVaultUri, secretNames.contactSpaceApiKey)
  ContactSpace__MaxRequestsPerSecond: string(contactSpaceMaxRequestsPerSecond)
  ContactSpace__Timeout: contactSpaceTimeout
  AgentStatusSchedule: agentStatusSchedule
  CallOutcomeSchedule: callOutcomeSchedule
  Bridge__AccountTimeZone: accountTimeZone
  Bridge__Polling__PushSecret: keyVaultReference(keyVaultUri, secretNames.pushSecret)
}

// Bridge__Routes__{route}__{path}: plain values as given, secrets as Key Vault references.
var routeSettings = reduce(
  items(routes),
  {},
  (all, route) =>
    union(
      all,
      toObject(items(route.value.settings), s => 'Bridge__Routes__${route.key}__${s.key}', s => s.value),
      toObject(
        items(route.value.?secrets ?? {}),
        s => 'Bridge__Routes__${route.key}__${s.key}',
        s => keyVaultReference(keyVaultUri, s.value)
      )
    )
)

module plan '../core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  params: {
    name: planName
    location: location
    tags: tags
  }
}

module functionApp '../core/host/flex-function-app.bicep' = {
  name: 'function-app'
  params: {
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    planId: plan.outputs.id
    identityId: identityId
    deploymentContainerUrl: '${storageBlobEndpoint}${deploymentContainerName}'
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReady: alwaysReadyHttpInstanceCount > 0
      ? [{ name: 'http', instanceCount: min(alwaysReadyHttpInstanceCount, maximumInstanceCount) }]
      : []
    appSettings: union(storageSettings, appSettings, routeSettings, additionalAppSettings)
  }
}

@description('Name of the function app.')
output name string = functionApp.outputs.name

@description('Base URL of the function app\'s HTTP functions.')
output uri string = 'https://${functionApp.outputs.defaultHostName}/api/'

@description('Names of the app settings the template sets (values may hold Key Vault references; no secrets).')
output appSettingNames string[] = objectKeys(union(storageSettings, appSettings, routeSettings, additionalAppSettings))
