metadata description = 'The contactSPACE bridge: Flex Consumption function app, storage, identity, Key Vault, monitoring and alerts, in one resource group.'

targetScope = 'subscription'

import { routeType } from 'app/types.bicep'

// ---- Environment (azd sets these) ----

@description('Name of the environment (azd env name); part of every resource name and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource.')
@minLength(1)
param location string

@description('Object ID of the person or pipeline deploying; given Key Vault Secrets Officer to set the API key. Empty for none.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

// ---- Names (empty: derived from abbreviations.json and a token unique to subscription, environment and region) ----

@description('Resource group name; empty for rg-<environmentName>.')
param resourceGroupName string = ''

@description('Function app name; empty for a generated one.')
param functionAppName string = ''

@description('Flex Consumption plan name; empty for a generated one.')
param appServicePlanName string = ''

@description('Storage account name; empty for a generated one.')
param storageAccountName string = ''

@description('User-assigned identity name; empty for a generated one.')
param identityName string = ''

@description('Key Vault name; empty for a generated one.')
param keyVaultName string = ''

@description('Log Analytics workspace name; empty for a generated one.')
param logAnalyticsName string = ''

@description('Application Insights name; empty for a generated one.')
param applicationInsightsName string = ''

@description('Action group name; empty for a generated one.')
param actionGroupName string = ''

// ---- Scale ----

@description('Memory of each instance in MB (512, 2048 or 4096; default HTTP concurrency 4, 16, 32 per instance).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances wanted. The deployed maximum is the smaller of this and contactSpaceRateLimitPerSecond / contactSpaceMaxRequestsPerSecond.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances for the HTTP functions: 1 avoids cold starts that make webhook senders give up (they wait 10-15 s).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstanceCount int = 1

// ---- contactSPACE ----

@description('contactSPACE production API base URL.')
param contactSpaceBaseUrl string = 'https://apidev.contactspace.com/'

@description('contactSPACE beta API base URL (the guide\'s section 3 functions).')
param contactSpaceBetaBaseUrl string = 'https://apidev2.contactspace.com/'

@description('The contactSPACE API key; stored in Key Vault. Leave empty to set it in Key Vault yourself after the first deployment.')
@secure()
param contactSpaceApiKey string = ''

@description('contactSPACE calls per second each instance allows itself (the client\'s shared rate limiter).')
@minValue(1)
@maxValue(50)
param contactSpaceMaxRequestsPerSecond int = 10

@description('Calls per second the contactSPACE account allows in total (50 per FACTS.md); caps the instance count.')
@minValue(1)
param contactSpaceRateLimitPerSecond int = 50

@description('Timeout of one contactSPACE call, as a TimeSpan (1 s to 5 min).')
param contactSpaceTimeout string = '00:00:10'

// ---- Bridge ----

@description('NCRONTAB schedule of the agent-status poller; contactSPACE allows at most one poll a minute.')
param agentStatusSchedule string = '0 * * * * *'

@description('NCRONTAB schedule of the call-outcome poller.')
param callOutcomeSchedule string = '0 */5 * * * *'

@description('The contactSPACE account\'s IANA time zone: callback times are sent in it and call times read in it.')
param accountTimeZone string = 'Australia/Sydney'

@description('Intake routes by name (POST /api/leads/{name}); see docs/deploy.md and infra/routes.example.json.')
param routes { *: routeType } = {}

@description('Secrets to store in Key Vault at deployment, by secret name (route secrets named in routes[*].secrets). Empty values are skipped.')
@secure()
param routeSecrets object = {}

@description('The secret contactSPACE\'s post-call notification sends (Bridge:Polling:PushSecret); stored in Key Vault. Empty: set it in Key Vault yourself.')
@secure()
param pushSecret string = ''

@description('Further app settings (name to value, __ for :), e.g. Bridge__Delivery__* tuning. No secrets here.')
param additionalAppSettings object = {}

// ---- Alerts ----

@description('E-mail address that receives the alerts (dead letters, poison queue, delivery failure rate).')
@minLength(3)
param alertEmail string

@description('Percentage of failed delivery attempts (queued for retry or dead-lettered) in 15 minutes above which the failure-rate alert fires.')
@minValue(1)
@maxValue(100)
param deliveryFailureRatePercent int = 20

// ---- Derived ----

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppNameResolved = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}bridge-${resourceToken}'
var identityNameResolved = !empty(identityName) ? identityName : '${abbrs.managedIdentityUserAssignedIdentities}bridge-${resourceToken}'
var storageAccountNameResolved = !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
var keyVaultNameResolved = !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
var applicationInsightsNameResolved = !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
var deploymentContainerName = toLower('app-package-${take(functionAppNameResolved, 32)}-${take(resourceToken, 7)}')

// Every instance rate-limits itself to contactSpaceMaxRequestsPerSecond, so instances x that rate must stay
// within the account's limit: integer division rounds down, and at least one instance always runs.
var rateLimitedInstanceCount = max(1, contactSpaceRateLimitPerSecond / contactSpaceMaxRequestsPerSecond)
var effectiveMaximumInstanceCount = min(maximumInstanceCount, rateLimitedInstanceCount)

var secretNames = {
  contactSpaceApiKey: 'contactspace-api-key'
  pushSecret: 'contactspace-push-secret'
}

// Names the code uses (docs/architecture.md): the queue trigger's queue and its poison queue, and the tables.
var queueNames = ['lead-delivery', 'lead-delivery-poison']
var tableNames = ['Leads', 'Idempotency', 'DeadLetters', 'AgentStatus', 'AgentStatusHistory', 'CallOutcomes', 'PollingState']

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityNameResolved
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountNameResolved
    location: location
    tags: tags
    containers: [deploymentContainerName]
    queues: queueNames
    tables: tableNames
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsNameResolved
    location: location
    tags: tags
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: keyVaultNameResolved
    location: location
    tags: tags
  }
}

module secrets 'core/security/key-vault-secrets.bicep' = {
  name: 'key-vault-secrets'
  scope: rg
  params: {
    keyVaultName: keyVaultNameResolved
    secrets: union(routeSecrets, {
      '${secretNames.contactSpaceApiKey}': contactSpaceApiKey
      '${secretNames.pushSecret}': pushSecret
    })
  }
  dependsOn: [keyVault]
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityName: identityNameResolved
    storageAccountName: storageAccountNameResolved
    keyVaultName: keyVaultNameResolved
    applicationInsightsName: applicationInsightsNameResolved
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
  // Names are passed as values (what-if can predict them), so the resources are explicit dependencies.
  dependsOn: [identity, storage, keyVault, monitoring]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppNameResolved
    planName: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    secretNames: secretNames
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: effectiveMaximumInstanceCount
    alwaysReadyHttpInstanceCount: alwaysReadyHttpInstanceCount
    contactSpaceBaseUrl: contactSpaceBaseUrl
    contactSpaceBetaBaseUrl: contactSpaceBetaBaseUrl
    contactSpaceMaxRequestsPerSecond: contactSpaceMaxRequestsPerSecond
    contactSpaceTimeout: contactSpaceTimeout
    agentStatusSchedule: agentStatusSchedule
    callOutcomeSchedule: callOutcomeSchedule
    accountTimeZone: accountTimeZone
    routes: routes
    additionalAppSettings: additionalAppSettings
  }
  // The app resolves Key Vault references and reaches storage as soon as it exists: grant the roles first.
  dependsOn: [rbac]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: '${abbrs.insightsScheduledQueryRules}${resourceToken}-'
    actionGroupName: !empty(actionGroupName) ? actionGroupName : '${abbrs.insightsActionGroups}${resourceToken}'
    location: location
    tags: tags
    alertEmail: alertEmail
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    deliveryFailureRatePercent: deliveryFailureRatePercent
  }
}

@description('Name of the resource group (azd reads AZURE_RESOURCE_GROUP).')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Azure region of the deployment.')
output AZURE_LOCATION string = location

@description('Name of the function app.')
output AZURE_FUNCTION_APP_NAME string = api.outputs.name

@description('Base URL of the HTTP functions, e.g. https://<app>.azurewebsites.net/api/.')
output SERVICE_API_URI string = api.outputs.uri

@description('Name of the Key Vault holding the contactSPACE API key and webhook secrets.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Name of the Key Vault secret that holds the contactSPACE API key.')
output CONTACTSPACE_API_KEY_SECRET_NAME string = secretNames.contactSpaceApiKey

@description('Name of the Key Vault secret that holds the post-call push secret.')
output CONTACTSPACE_PUSH_SECRET_NAME string = secretNames.pushSecret

@description('Name of the storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Maximum instance count deployed, after the contactSPACE rate-limit cap.')
output MAXIMUM_INSTANCE_COUNT int = effectiveMaximumInstanceCount

@description('Names of the app settings the template sets.')
output APP_SETTING_NAMES string[] = api.outputs.appSettingNames
