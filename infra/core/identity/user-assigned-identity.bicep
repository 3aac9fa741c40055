metadata description = 'A user-assigned managed identity: the function app runs as it for storage, Key Vault and telemetry.'

@description('Name of the identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource ID of the identity.')
output id string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client (application) ID of the identity: what the app passes to pick this identity.')
output clientId string = identity.properties.clientId

@description('Principal (object) ID of the identity: what role assignments name.')
output principalId string = identity.properties.principalId
