metadata description = 'Alerts on dead letters, poison-queue arrivals and the delivery failure rate, sent to one e-mail action group.'

@description('Name prefix of the alert rules.')
param namePrefix string

@description('Name of the action group.')
param actionGroupName string

@description('Azure region of the alert rules (the Application Insights region).')
param location string

@description('Tags applied to the alert resources.')
param tags object = {}

@description('E-mail address alerts are sent to.')
param alertEmail string

@description('Resource ID of the Application Insights component the rules query.')
param applicationInsightsId string

@description('Percentage of failed DeliverLead runs in the window above which the failure-rate alert fires.')
@minValue(1)
@maxValue(100)
param deliveryFailureRatePercent int = 20

@description('Fewest DeliverLead runs in the window for the failure rate to count (avoids alerting on one failed run).')
@minValue(1)
param deliveryFailureMinimumRuns int = 5

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('csbridge', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Each query returns one row with the measured column; the rule fires when it is above the threshold.
var rules = [
  {
    name: 'dead-letters'
    displayName: 'contactSPACE bridge: leads dead-lettered'
    description: 'A lead could not be delivered and was kept in the DeadLetters table for replay (custom metric leads.dead_lettered).'
    severity: 1
    query: 'customMetrics | where name == "leads.dead_lettered" | summarize deadLettered = sum(valueSum)'
    measure: 'deadLettered'
    threshold: 0
  }
  {
    // Storage publishes queue depth per account, not per queue; DrainPoisonLeads moves every poison message
    // into DeadLetters, so each run is one arrival, and a failing drain leaves the poison queue growing.
    name: 'poison-queue'
    displayName: 'contactSPACE bridge: messages on the poison queue'
    description: 'Messages reached lead-delivery-poison (each DrainPoisonLeads run is one arrival; failed runs leave them queued).'
    severity: 1
    query: 'requests | where name == "DrainPoisonLeads" | summarize poisoned = count()'
    measure: 'poisoned'
    threshold: 0
  }
  {
    name: 'delivery-failure-rate'
    displayName: 'contactSPACE bridge: delivery failure rate'
    description: 'More than ${deliveryFailureRatePercent}% of DeliverLead runs failed in the window.'
    severity: 2
    query: 'requests | where name == "DeliverLead" | summarize total = count(), failed = countif(success == false) | where total >= ${deliveryFailureMinimumRuns} | project failureRatePercent = 100.0 * failed / total'
    measure: 'failureRatePercent'
    threshold: deliveryFailureRatePercent
  }
]

resource alert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [
  for rule in rules: {
    name: '${namePrefix}${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [applicationInsightsId]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: rule.measure
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: [actionGroup.id]
      }
    }
  }
]

@description('Resource ID of the action group.')
output actionGroupId string = actionGroup.id

@description('Names of the alert rules.')
output alertNames string[] = [for (rule, i) in rules: alert[i].name]
