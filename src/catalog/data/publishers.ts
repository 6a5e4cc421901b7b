// Facts from the Azure DevOps service hook descriptors, docs and REAL-SERVICE.md; see docs/format.md "The catalog".
import type { PublisherSpec } from "../types.js";

export const publishers: readonly PublisherSpec[] = [
  {
    id: "tfs",
    name: "Team Foundation Server / Azure DevOps Server",
    host: "default",
    inputs: [{ id: "projectId", dataType: "guid" }, { id: "teamId", dataType: "guid" }],
    serverAddedInputs: ["hostId", "tfsSubscriptionId"],
    eventTypes: [
      {
        id: "build.complete", name: "Build completed", resourceVersions: ["1.0", "2.0", "2.0-preview.2", "1.0-preview.1"],
        filters: [
          { id: "definitionName", dynamic: true },
          { id: "buildStatus", values: ["", "Succeeded", "PartiallySucceeded", "Failed", "Stopped"] },
        ],
      },
      {
        id: "git.push", name: "Code pushed", resourceVersions: ["1.0", "1.0-preview.1"],
        filters: [
          { id: "repository", dataType: "guid", dynamic: true, names: "repository" },
          { id: "branch", dependsOn: ["repository"], dynamic: true },
          { id: "pushedBy", dynamic: true },
        ],
      },
      {
        id: "git.pullrequest.created", name: "Pull request created", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "repository", dataType: "guid", dynamic: true, names: "repository" },
          { id: "branch", dependsOn: ["repository"], dynamic: true },
          { id: "pullrequestCreatedBy", dynamic: true },
          { id: "pullrequestReviewersContains", dynamic: true },
        ],
      },
      {
        id: "git.pullrequest.updated", name: "Pull request updated", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "repository", dataType: "guid", dynamic: true, names: "repository" },
          { id: "branch", dependsOn: ["repository"], dynamic: true },
          { id: "pullrequestCreatedBy", dynamic: true },
          { id: "pullrequestReviewersContains", dynamic: true },
          { id: "notificationType", values: ["", "PushNotification", "ReviewersUpdateNotification", "StatusUpdateNotification", "ReviewerVoteNotification"] },
        ],
      },
      {
        id: "git.pullrequest.merged", name: "Pull request merge attempted", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "repository", dataType: "guid", dynamic: true, names: "repository" },
          { id: "branch", dependsOn: ["repository"], dynamic: true },
          { id: "pullrequestCreatedBy", dynamic: true },
          { id: "pullrequestReviewersContains", dynamic: true },
          { id: "mergeResult", values: ["Succeeded", "Unsuccessful", "Conflicts", "Failure", "RejectedByPolicy"] },
        ],
      },
      {
        id: "ms.vss-code.git-pullrequest-comment-event", name: "Pull request commented on", resourceVersions: ["2.0"],
        filters: [
          { id: "repository", dataType: "guid", names: "repository" },
          { id: "branch" },
        ],
      },
      {
        id: "git.repo.created", name: "Repository created", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "projectId" },
        ],
      },
      {
        id: "git.repo.deleted", name: "Repository deleted", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "repository", dataType: "guid", names: "repository" },
        ],
      },
      {
        id: "git.repo.undeleted", name: "Repository undeleted", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "repository", dataType: "guid", names: "repository" },
        ],
      },
      {
        id: "git.repo.forked", name: "Repository forked", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "repository", dataType: "guid", names: "repository" },
        ],
      },
      {
        id: "git.repo.renamed", name: "Repository renamed", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "repository", dataType: "guid", names: "repository" },
        ],
      },
      {
        id: "git.repo.statuschanged", name: "Repository status changed", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "repository", dataType: "guid", names: "repository" },
        ],
      },
      {
        id: "tfvc.checkin", name: "Code checked in", resourceVersions: ["1.0", "1.0-preview.1"],
        filters: [
          { id: "path", required: true, pattern: "^\\$\\/[^&<>'\"]*$", default: "$/" },
        ],
      },
      {
        id: "ms.vss-endpoint.endpoint-created", unlisted: true, name: "Service connection created", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "project" },
        ],
      },
      {
        id: "ms.vss-endpoint.endpoint-updated", unlisted: true, name: "Service connection updated", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "project" },
        ],
      },
      {
        id: "workitem.created", name: "Work item created", resourceVersions: ["1.0", "1.0-preview.2", "1.0-preview.1"],
        filters: [
          { id: "areaPath", dynamic: true },
          { id: "workItemType", dynamic: true },
          { id: "linksChanged", uncertain: true },
          { id: "tag", uncertain: true },
        ],
      },
      {
        id: "workitem.updated", name: "Work item updated", resourceVersions: ["1.0", "1.0-preview.2", "1.0-preview.1"],
        filters: [
          { id: "areaPath", dynamic: true },
          { id: "workItemType", dynamic: true },
          { id: "changedFields", dependsOn: ["workItemType"], dynamic: true },
          { id: "linksChanged", uncertain: true },
          { id: "tag", uncertain: true },
        ],
      },
      {
        id: "workitem.deleted", name: "Work item deleted", resourceVersions: ["1.0", "1.0-preview.2"],
        filters: [
          { id: "areaPath", dynamic: true },
          { id: "workItemType", dynamic: true },
          { id: "tag", uncertain: true },
        ],
      },
      {
        id: "workitem.restored", name: "Work item restored", resourceVersions: ["1.0", "1.0-preview.2"],
        filters: [
          { id: "areaPath", dynamic: true },
          { id: "workItemType", dynamic: true },
          { id: "tag", uncertain: true },
        ],
      },
      {
        id: "workitem.commented", name: "Work item commented on", resourceVersions: ["1.0", "1.0-preview.2", "1.0-preview.1"],
        filters: [
          { id: "areaPath", dynamic: true },
          { id: "workItemType", dynamic: true },
          { id: "commentPattern", pattern: "^\\s*[^\\s&<>'\"][^&<>'\"]*$", minLength: 1, maxLength: 1024 },
          { id: "tag", uncertain: true },
        ],
      },
      {
        id: "message.posted", name: "Team room message posted", deprecated: true, resourceVersions: ["1.0", "1.0-preview.1"],
        filters: [
          { id: "roomId", required: true, dataType: "number" },
          { id: "messagePattern", maxLength: 1024 },
        ],
      },
    ],
  },
  {
    id: "rm",
    name: "Release Management",
    host: "release",
    inputs: [{ id: "projectId", dataType: "guid" }],
    serverAddedInputs: [],
    eventTypes: [
      {
        id: "ms.vss-release.release-created-event", name: "Release created", resourceVersions: ["3.0-preview.1"],
        filters: [
          { id: "releaseDefinitionId", dynamic: true, names: "releaseDefinition" },
          { id: "releaseEnvironmentId", dependsOn: ["releaseDefinitionId"], dynamic: true, names: "releaseEnvironment" },
        ],
      },
      {
        id: "ms.vss-release.release-abandoned-event", name: "Release abandoned", resourceVersions: ["3.0-preview.1"],
        filters: [
          { id: "releaseDefinitionId", dynamic: true, names: "releaseDefinition" },
        ],
      },
      {
        id: "ms.vss-release.deployment-approval-completed-event", name: "Release deployment approval completed", resourceVersions: ["3.0-preview.1"],
        filters: [
          { id: "releaseDefinitionId", dynamic: true, names: "releaseDefinition" },
          { id: "releaseEnvironmentId", dependsOn: ["releaseDefinitionId"], dynamic: true, names: "releaseEnvironment" },
          { id: "releaseApprovalType", values: ["", "1", "2"] },
          { id: "releaseApprovalStatus", values: ["", "1", "2", "4", "6", "7", "8"] },
          { id: "releaseApprovalIsAutomated", values: ["", "true", "false"] },
        ],
      },
      {
        id: "ms.vss-release.deployment-approval-pending-event", name: "Release deployment approval pending", resourceVersions: ["3.0-preview.1"],
        filters: [
          { id: "releaseDefinitionId", dynamic: true, names: "releaseDefinition" },
          { id: "releaseEnvironmentId", dependsOn: ["releaseDefinitionId"], dynamic: true, names: "releaseEnvironment" },
          { id: "releaseApprovalType", values: ["", "1", "2"] },
          { id: "releaseApprovalIsAutomated", values: ["", "true", "false"] },
        ],
      },
      {
        id: "ms.vss-release.deployment-completed-event", name: "Release deployment completed", resourceVersions: ["3.0-preview.1"],
        filters: [
          { id: "releaseDefinitionId", dynamic: true, names: "releaseDefinition" },
          { id: "releaseEnvironmentId", dependsOn: ["releaseDefinitionId"], dynamic: true, names: "releaseEnvironment" },
          { id: "releaseEnvironmentStatus", values: ["", "1", "2", "4", "8", "16", "32", "128"] },
        ],
      },
      {
        // The id is the service's (REAL-SERVICE.md); its filters are assumed to be the other deployment events'.
        id: "ms.vss-release.deployment-mi-pending-event", name: "Release deployment manual intervention pending", uncertain: true, resourceVersions: ["3.0-preview.1"],
        formerIds: ["manualintervention.pending"],
        filters: [
          { id: "releaseDefinitionId", dynamic: true, names: "releaseDefinition" },
          { id: "releaseEnvironmentId", dependsOn: ["releaseDefinitionId"], dynamic: true, names: "releaseEnvironment" },
        ],
      },
      {
        id: "ms.vss-release.deployment-started-event", name: "Release deployment started", resourceVersions: ["3.0-preview.1"],
        filters: [
          { id: "releaseDefinitionId", dynamic: true, names: "releaseDefinition" },
          { id: "releaseEnvironmentId", dependsOn: ["releaseDefinitionId"], dynamic: true, names: "releaseEnvironment" },
        ],
      },
    ],
  },
  {
    id: "pipelines",
    name: "Pipelines",
    host: "default",
    inputs: [{ id: "projectId", dataType: "guid" }],
    serverAddedInputs: [],
    eventTypes: [
      {
        id: "ms.vss-pipelines.run-state-changed-event", name: "Run state changed", resourceVersions: ["5.1-preview.1"],
        filters: [
          { id: "pipelineId", names: "buildDefinition" },
          { id: "runStateId", values: ["InProgress", "Canceling", "Completed"] },
          { id: "runResultId", values: ["Canceled", "Failed", "Succeeded"] },
        ],
      },
      {
        id: "ms.vss-pipelines.stage-state-changed-event", name: "Run stage state changed", resourceVersions: ["5.1-preview.1"],
        filters: [
          { id: "pipelineId", names: "buildDefinition" },
          { id: "stageNameId" },
          { id: "stageStateId", values: ["NotStarted", "Waiting", "Running", "Completed"] },
          { id: "stageResultId", values: ["Canceled", "Failed", "Rejected", "Skipped", "Succeeded"] },
        ],
      },
      {
        id: "ms.vss-pipelines.job-state-changed-event", name: "Run job state changed", resourceVersions: ["5.1-preview.1"],
        filters: [
          { id: "pipelineId", names: "buildDefinition" },
          { id: "stageNameId" },
          { id: "jobNameId" },
          { id: "jobStateId", values: ["Waiting", "Running", "Completed"] },
          { id: "jobResultId", values: ["Succeeded", "Skipped", "Rejected", "Failed", "Canceled"] },
        ],
      },
      {
        id: "ms.vss-pipelinechecks-events.approval-pending", name: "Run stage waiting for approval", resourceVersions: ["5.1-preview.1"],
        filters: [
          { id: "pipelineId", names: "buildDefinition" },
          { id: "stageName" },
          { id: "environmentName" },
        ],
      },
      {
        id: "ms.vss-pipelinechecks-events.approval-completed", name: "Run stage approval completed", resourceVersions: ["5.1-preview.1"],
        filters: [
          { id: "pipelineId", names: "buildDefinition" },
          { id: "stageName" },
          { id: "environmentName" },
        ],
      },
      {
        id: "ms.vss-pipelinechecks-events.check-updated-event", unlisted: true, name: "Check updated", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "resourceType" },
        ],
      },
    ],
  },
  {
    id: "distributedtask",
    name: "Agent pools",
    host: "default",
    uncertain: true,
    inputs: [{ id: "projectId", dataType: "guid" }],
    serverAddedInputs: [],
    eventTypes: [
      {
        id: "elasticagentpool.resized", name: "Elastic agent pool resized", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "poolId" },
        ],
      },
      {
        id: "agentqueue.created", unlisted: true, name: "Project-level agent pool created", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "project" },
        ],
      },
      {
        id: "agentqueue.updated", unlisted: true, name: "Project-level agent pool updated", resourceVersions: ["1.0-preview.1"],
        filters: [
          { id: "queueId" },
        ],
      },
    ],
  },
  {
    id: "advsec",
    name: "Advanced Security",
    host: "default",
    uncertain: true,
    inputs: [{ id: "projectId", dataType: "guid" }],
    serverAddedInputs: [],
    eventTypes: [
      {
        id: "ms.vss-alerts.alert-created-event", unlisted: true, name: "Advanced security alert created", resourceVersions: ["1.0"],
        filters: [
          { id: "repository", names: "repository" },
          { id: "branch" },
          { id: "alertType", values: ["Unknown", "Dependency", "Secret", "Code"] },
          { id: "severity", values: ["Low", "Medium", "High", "Critical", "Note", "Warning", "Error", "Undefined"] },
        ],
      },
      {
        id: "ms.vss-alerts.alert-state-changed-event", unlisted: true, name: "Advanced security alert state changed", resourceVersions: ["1.0"],
        filters: [
          { id: "repository", names: "repository" },
          { id: "branch" },
          { id: "alertType", values: ["Unknown", "Dependency", "Secret", "Code"] },
          { id: "severity", values: ["Low", "Medium", "High", "Critical", "Note", "Warning", "Error", "Undefined"] },
          { id: "state", values: ["Unknown", "Active", "Dismissed", "Fixed", "AutoDismissed"] },
        ],
      },
      {
        id: "ms.vss-alerts.alert-updated-event", unlisted: true, name: "Advanced security alert updated", resourceVersions: ["1.0"],
        filters: [
          { id: "repository", names: "repository" },
          { id: "branch" },
          { id: "alertType", values: ["Unknown", "Dependency", "Secret", "Code"] },
          { id: "severity", values: ["Low", "Medium", "High", "Critical", "Note", "Warning", "Error", "Undefined"] },
        ],
      },
    ],
  },
];
