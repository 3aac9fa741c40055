metadata description = 'Log Analytics and a workspace-based Application Insights that accepts Entra ID authenticated telemetry only.'

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region of both resources.')
param location string

@description('Tags applied to both resources.')
param tags object = {}

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    retentionInDays: retentionInDays
    sku: {
      name: 'PerGB2018'
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Telemetry must be sent with an Entra ID token (Monitoring Metrics Publisher): the connection string alone cannot write.
    DisableLocalAuth: true
  }
}

@description('Resource ID of the Application Insights component.')
output applicationInsightsId string = applicationInsights.id

@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('Connection string of the Application Insights component (not a secret: local auth is disabled).')
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString

@description('Resource ID of the Log Analytics workspace.')
output logAnalyticsId string = logAnalytics.id
