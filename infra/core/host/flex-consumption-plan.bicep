metadata description = 'A Flex Consumption (FC1) hosting plan for Linux function apps.'

@description('Name of the plan.')
param name string

@description('Azure region of the plan.')
param location string

@description('Tags applied to the plan.')
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

@description('Resource ID of the plan.')
output id string = plan.id
