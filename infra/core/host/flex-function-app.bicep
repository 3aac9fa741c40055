metadata description = 'A Flex Consumption function app that runs as a user-assigned identity and deploys from a blob container with it.'

@description('Name of the function app (part of its host name).')
param name string

@description('Azure region of the function app.')
param location string

@description('Tags applied to the function app (azd finds the app by its azd-service-name tag).')
param tags object = {}

@description('Resource ID of the Flex Consumption plan.')
param planId string

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Blob container URL deployments are uploaded to, e.g. https://<account>.blob.<suffix>/<container>.')
param deploymentContainerUrl string

@description('Language worker runtime.')
@allowed(['dotnet-isolated'])
param runtimeName string = 'dotnet-isolated'

@description('Runtime version.')
@allowed(['10.0'])
param runtimeVersion string = '10.0'

@description('Memory of each instance in MB: 512, 2048 or 4096.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances per function group or function, e.g. [{ name: \'http\', instanceCount: 1 }].')
param alwaysReady { name: string, instanceCount: int }[] = []

@description('App settings: name to value.')
param appSettings object

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    // Key Vault references resolve with the same identity the app runs as.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // Basic-auth publishing (FTP and SCM with a password) stays off: deployments authenticate with Entra ID.
  resource ftp 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scm 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

@description('Resource ID of the function app.')
output id string = functionApp.id

@description('Name of the function app.')
output name string = functionApp.name

@description('Default host name of the function app, e.g. <name>.azurewebsites.net.')
output defaultHostName string = functionApp.properties.defaultHostName
