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

@description('Percentage of failed delivery attempts in the window above which the failure-rate alert fires.')
@minValue(1)
@maxValue(100)
param deliveryFailureRatePercent int = 20

@description('Fewest delivery attempts in the window for the failure rate to count (avoids alerting on one failed attempt).')
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

// What the bridge emits (src/ContactSpace.Bridge/Delivery: DeliveryMetrics and DeliveryLog). The dead-letter and
// failure-rate alerts read the custom metrics when the app exports them and the log lines otherwise (logs always
// reach Application Insights), taking the larger figure; itemCount undoes the sampling of log lines.
var metricNames = {
  delivered: 'bridge.leads.delivered'
  retried: 'bridge.leads.retried'
  deadLettered: 'bridge.leads.dead_lettered'
}

var logFragments = {
  delivered: ' delivered as record '
  retried: ' queued: attempt '
  deadLettered: ' dead-lettered'
}

var deadLetterQuery = 'let fromMetrics = customMetrics | where name == "${metricNames.deadLettered}" | summarize n = sum(valueSum); let fromLogs = traces | where message contains "${logFragments.deadLettered}" | summarize n = todouble(sum(itemCount)); union fromMetrics, fromLogs | summarize deadLettered = max(n)'

// Storage publishes queue depth per account, not per queue. DrainPoisonLeads moves every poison message into
// DeadLetters, so each run is one arrival, and a failing run leaves its message on the poison queue.
var poisonQuery = 'requests | where name == "DrainPoisonLeads" | summarize poisoned = sum(itemCount)'

var failureRateQuery = 'let fromMetrics = customMetrics | where name in ("${metricNames.delivered}", "${metricNames.retried}", "${metricNames.deadLettered}") | summarize total = sum(valueSum), failed = sumif(valueSum, name != "${metricNames.delivered}"); let fromLogs = traces | where message contains "${logFragments.delivered}" or message contains "${logFragments.retried}" or message contains "${logFragments.deadLettered}" | summarize total = todouble(sum(itemCount)), failed = todouble(sumif(itemCount, message !contains "${logFragments.delivered}")); union fromMetrics, fromLogs | where total >= ${deliveryFailureMinimumRuns} | summarize failureRatePercent = max(100.0 * failed / total)'

var rules = [
  {
    name: 'dead-letters'
    displayName: 'contactSPACE bridge: leads dead-lettered'
    description: 'A lead could not be delivered and was kept in the DeadLetters table for replay.'
    severity: 1
    query: deadLetterQuery
    measure: 'deadLettered'
    threshold: 0
  }
  {
    name: 'poison-queue'
    displayName: 'contactSPACE bridge: messages on the poison queue'
    description: 'Messages reached lead-delivery-poison (each DrainPoisonLeads run is one; failed runs leave them queued).'
    severity: 1
    query: poisonQuery
    measure: 'poisoned'
    threshold: 0
  }
  {
    name: 'delivery-failure-rate'
    displayName: 'contactSPACE bridge: delivery failure rate'
    description: 'More than ${deliveryFailureRatePercent}% of delivery attempts failed (queued for retry or dead-lettered) in the window.'
    severity: 2
    query: failureRateQuery
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
