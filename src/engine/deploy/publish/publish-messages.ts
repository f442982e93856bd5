/** What publishing code tells its host, as data (the CLI prints it; VS Code shows it in the tree). */
export type PublishMessage =
  | { kind: 'bundle'; files: number; bytes: number; zipBytes: number; excluded: Array<{ name: string; reason: string }>; noteworthy?: Array<{ name: string; reason: string }> }
  | { kind: 'uploaded'; bucket: string; key: string; versionId?: string }
  | { kind: 'pipeline'; pipeline: string; executionId?: string; status: string; stages: Array<{ name: string; status: string }> }
  | { kind: 'deployment'; deploymentId: string; status: string; overview?: Record<string, number> }
  | { kind: 'instance'; deploymentId: string; instanceId: string; status: string; events: Array<{ name: string; status: string }> }
  | { kind: 'hookFailed'; instanceId: string; event: string; message?: string; logTail?: string }
  | { kind: 'info'; text: string };

export type PublishMessageSink = (message: PublishMessage) => void;

/** Where a stack says its code goes: from its outputs (the scaffolded template names them so). */
export interface ReleaseTarget {
  sourceBucket: string;
  sourceKey: string;
  pipelineName?: string;
  codeDeployApplication?: string;
  deploymentGroup?: string;
}
