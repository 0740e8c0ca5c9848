// Every push event's name, for transports that subscribe to each by name (the panel's event
// stream). Kept apart from contract.ts, which imports the zod schemas: importing a name list must
// not load them. Each name is checked against the contract's event map.
import type { PushEventName } from './contract';

export const PUSH_EVENT_NAMES: readonly PushEventName[] = [
  'run.updated',
  'run.event',
  'approval.updated',
  'task.updated',
  'task.deleted',
  'settings.updated',
  'trigger.updated',
  'trigger.deleted',
  'review.updated',
  'engine.status',
  'limits.updated',
  'away.updated',
  'mcpServers.updated',
  'pullRequest.updated',
];
