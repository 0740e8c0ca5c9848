// Zod schemas for every method input: the one place inputs are validated, on both transports.
import { z } from 'zod';
import {
  ISOLATION_MODES,
  OVERLAP_POLICIES,
  PERMISSION_MODES,
  RUN_STATUSES,
  WATCH_EVENTS,
  type ApprovalStatus,
} from './domain';

const id = (what: string) => z.string().min(1, `${what} is required`);
const toolNames = z.array(z.string().min(1).max(200)).max(200);
/** Secret names double as environment variable names, so they must be valid ones. */
export const SECRET_NAME = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
    'use letters, digits and _ (an environment variable name)',
  );

const taskFields = {
  title: z.string().trim().min(1, 'give the task a title').max(200),
  prompt: z.string().trim().min(1, 'write what the agent should do').max(100_000),
  cwd: z.string().trim().min(1, 'choose a working folder'),
  model: z.string().trim().max(100).nullable().optional(),
  permissionMode: z.enum(PERMISSION_MODES).optional(),
  allowedTools: toolNames.optional(),
  disallowedTools: toolNames.optional(),
  maxTurns: z.number().int().min(1).max(1000).nullable().optional(),
  maxBudgetUsd: z.number().positive().max(10_000).nullable().optional(),
  appendSystemPrompt: z.string().max(50_000).nullable().optional(),
  secretEnv: z.array(SECRET_NAME).max(50).optional(),
  isolation: z.enum(ISOLATION_MODES).optional(),
  overlapPolicy: z.enum(OVERLAP_POLICIES).optional(),
};

export const TaskCreateInput = z.object(taskFields);
export const TaskUpdateInput = z.object({
  taskId: id('taskId'),
  ...z.object(taskFields).partial().shape,
  alwaysAllowedTools: toolNames.optional(),
});
export const TaskIdInput = z.object({ taskId: id('taskId') });
export const EmptyInput = z.object({}).optional().default({});

export const TaskRunInput = z.object({
  taskId: id('taskId'),
  /** Extra instructions appended to the task's prompt for this run. */
  prompt: z.string().max(100_000).optional(),
  /** Paths handed to the agent (dropped files); nothing is uploaded. */
  files: z.array(z.string().min(1)).max(500).optional(),
  /** Where the run was started from; scheduled kinds are set by the engine itself. */
  trigger: z.enum(['manual', 'tray', 'drop']).optional(),
});

export const RunsListInput = z
  .object({
    taskId: z.string().min(1).optional(),
    status: z.enum(RUN_STATUSES).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .optional()
  .default({});
export const RunIdInput = z.object({ runId: id('runId') });
export const RunEventsInput = z.object({
  runId: id('runId'),
  afterSeq: z.number().int().min(0).optional(),
  /** Page from the end: the `limit` events before this seq (or the last ones, with `tail`). */
  beforeSeq: z.number().int().min(1).optional(),
  tail: z.boolean().optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});
export const RunFollowUpInput = z.object({
  runId: id('runId'),
  prompt: z.string().trim().min(1, 'write the follow-up').max(100_000),
});

const APPROVAL_STATUSES = [
  'pending',
  'allowed',
  'denied',
  'cancelled',
] as const satisfies readonly ApprovalStatus[];
export const ApprovalsListInput = z
  .object({ status: z.enum(APPROVAL_STATUSES).optional(), runId: z.string().optional() })
  .optional()
  .default({});
export const ApprovalDecideInput = z.object({
  approvalId: id('approvalId'),
  decision: z.enum(['allow', 'deny']),
  message: z.string().max(10_000).optional(),
  answers: z.record(z.string(), z.string().max(10_000)).optional(),
  always: z.boolean().optional(),
});

export const CostsSummaryInput = z
  .object({ from: z.number().int().min(0).optional(), to: z.number().int().min(0).optional() })
  .optional()
  .default({});

const nullableUsd = z.number().positive().max(1_000_000).nullable();
export const SettingsSchema = z.object({
  concurrency: z.number().int().min(1).max(16),
  defaultModel: z.string().trim().max(100).nullable(),
  defaultPermissionMode: z.enum(PERMISSION_MODES),
  claudeExecutablePath: z.string().trim().min(1).nullable(),
  budgets: z.object({ dailyUsd: nullableUsd, monthlyUsd: nullableUsd }),
  notifications: z.object({ waiting: z.boolean(), failed: z.boolean(), succeeded: z.boolean() }),
  triggers: z.object({
    paused: z.boolean(),
    catchUpHours: z
      .number()
      .min(0)
      .max(24 * 14),
    watchSettleMs: z.number().int().min(100).max(600_000),
  }),
  desktop: z.object({
    openAtLogin: z.boolean(),
    keepAwake: z.boolean(),
    quickTaskShortcut: z.string().max(100),
  }),
  pinnedTaskIds: z.array(z.string()).max(20),
  performance: z.object({
    warmSpare: z.boolean(),
    lowerClaudePriority: z.boolean(),
    keepTranscriptsDays: z.number().int().min(1).max(36_500).nullable(),
  }),
});
export const SettingsUpdateInput = z.object({
  concurrency: SettingsSchema.shape.concurrency.optional(),
  defaultModel: SettingsSchema.shape.defaultModel.optional(),
  defaultPermissionMode: SettingsSchema.shape.defaultPermissionMode.optional(),
  claudeExecutablePath: SettingsSchema.shape.claudeExecutablePath.optional(),
  budgets: SettingsSchema.shape.budgets.partial().optional(),
  notifications: SettingsSchema.shape.notifications.partial().optional(),
  triggers: SettingsSchema.shape.triggers.partial().optional(),
  desktop: SettingsSchema.shape.desktop.partial().optional(),
  performance: SettingsSchema.shape.performance.partial().optional(),
  pinnedTaskIds: SettingsSchema.shape.pinnedTaskIds.optional(),
});
export type SettingsPatch = z.infer<typeof SettingsUpdateInput>;

export const SecretSetInput = z.object({
  name: SECRET_NAME,
  value: z.string().min(1, 'the secret is empty').max(100_000),
});
export const SecretNameInput = z.object({ name: SECRET_NAME });

const cronFields = {
  cron: z.string().trim().min(1, 'write a cron expression, e.g. 0 9 * * 1-5').max(200),
  /** IANA name such as Europe/Berlin; the computer's own zone when left out. */
  timezone: z.string().trim().min(1).max(100).optional(),
};
const watchFields = {
  path: z.string().trim().min(1, 'choose a folder to watch'),
  glob: z.string().trim().min(1).max(500).nullable().optional(),
  ignore: z.array(z.string().trim().min(1).max(500)).max(50).optional(),
  events: z
    .array(z.enum(WATCH_EVENTS))
    .min(1, 'choose at least one of add, change, unlink')
    .optional(),
};
const triggerCommon = { taskId: id('taskId'), enabled: z.boolean().optional() };
export const TriggerCreateInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ ...triggerCommon, kind: z.literal('cron'), ...cronFields }),
    z.object({ ...triggerCommon, kind: z.literal('watch'), ...watchFields }),
    z.object({ ...triggerCommon, kind: z.literal('webhook') }),
  ],
  { error: 'use kind cron, watch or webhook' },
);
/** Fields of another kind than the trigger's are refused by the engine. */
export const TriggerUpdateInput = z.object({
  triggerId: id('triggerId'),
  enabled: z.boolean().optional(),
  /** Webhooks: a new secret; the old one stops working at once. */
  rotateSecret: z.boolean().optional(),
  cron: cronFields.cron.optional(),
  timezone: cronFields.timezone,
  ...watchFields,
  path: watchFields.path.optional(),
});
export const TriggersListInput = z
  .object({ taskId: z.string().min(1).optional() })
  .optional()
  .default({});
export const TriggerIdInput = z.object({ triggerId: id('triggerId') });
export const TriggerPreviewInput = z.object({
  ...cronFields,
  count: z.number().int().min(1).max(50).optional(),
});
export const TriggerFiringsInput = z.object({
  triggerId: id('triggerId'),
  limit: z.number().int().min(1).max(1000).optional(),
});
