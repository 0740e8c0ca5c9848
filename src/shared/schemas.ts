// Zod schemas for every method input: the one place inputs are validated, on both transports.
import { z } from 'zod';
import {
  BOTH_CHOICES,
  ISOLATION_MODES,
  MCP_TRANSPORTS,
  OPEN_FOLDER_APPS,
  OVERLAP_POLICIES,
  PERMISSION_MODES,
  THEME_CHOICES,
  REVIEW_STATUSES,
  RUN_STATUSES,
  TRIGGER_KINDS,
  WATCH_EVENTS,
  type ApprovalStatus,
} from './domain';
import { ALWAYS_SCOPES } from './permission-rules';
import { AWAY_EVENTS, type AwayEvent } from './away';

/** Limits every input shares; docs/api.md lists them. */
export const LIMITS = {
  /** Prompt text (task prompt, a run's extra prompt, a follow-up): people paste logs and files. */
  promptChars: 1_048_576,
  idChars: 200,
  pathChars: 4_096,
  /** costs.summary answers at most this many days at once. */
  costDays: 366,
  /** Runs per runs.list page and events per runs.events page. */
  runsPage: 1_000,
  eventsPage: 10_000,
} as const;

/** Every input object refuses fields it does not know: a typo must not pass as "no change". */
const object = z.strictObject;
const id = (what: string) =>
  z.string().min(1, `${what} is required`).max(LIMITS.idChars, `${what} is too long`);
const path = (empty: string) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(LIMITS.pathChars, `the path is longer than ${LIMITS.pathChars} characters`);
const promptText = z
  .string()
  .max(
    LIMITS.promptChars,
    `the prompt is longer than ${LIMITS.promptChars.toLocaleString('en')} characters (1 MiB); put the rest in a file and name it instead`,
  );
const toolNames = z.array(z.string().min(1).max(200)).max(200);
/** A skill's name is its folder's name in the library and the name Claude Code knows it by. */
export const SKILL_NAME = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and - (at most 64)');
/** Secret names double as environment variable names, so they must be valid ones. */
export const SECRET_NAME = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
    'use letters, digits and _ (an environment variable name)',
  );

const taskFields = {
  title: z.string().trim().min(1, 'give the task a title').max(200),
  prompt: promptText.trim().min(1, 'write what the agent should do'),
  cwd: path('choose a working folder'),
  model: z.string().trim().max(100).nullable().optional(),
  permissionMode: z.enum(PERMISSION_MODES).optional(),
  allowedTools: toolNames.optional(),
  disallowedTools: toolNames.optional(),
  maxTurns: z.number().int().min(1).max(1000).nullable().optional(),
  maxBudgetUsd: z.number().positive().max(10_000).nullable().optional(),
  appendSystemPrompt: z.string().max(50_000).nullable().optional(),
  secretEnv: z.array(SECRET_NAME).max(50).optional(),
  keychainAccess: z.boolean().optional(),
  sandbox: z.boolean().optional(),
  mcpServerIds: z.array(id('an MCP server id')).max(50).optional(),
  skills: z.array(SKILL_NAME).max(50).optional(),
  isolation: z.enum(ISOLATION_MODES).optional(),
  overlapPolicy: z.enum(OVERLAP_POLICIES).optional(),
  placeId: id('placeId').nullable().optional(),
  reviewEachRun: z.boolean().nullable().optional(),
  runPolicy: object({
    autoResume: z.boolean().nullable(),
    transientRetries: z.number().int().min(0).max(10),
    approvalTimeoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .nullable(),
  })
    .partial()
    .optional(),
};

export const TaskCreateInput = object(taskFields);
export const TaskUpdateInput = object({
  taskId: id('taskId'),
  ...object(taskFields).partial().shape,
  alwaysAllowedTools: toolNames.optional(),
});
export const TaskIdInput = object({ taskId: id('taskId') });
export const TaskDeleteInput = object({
  taskId: id('taskId'),
  /** Unmerged worktree branches to delete with the task, each named; any other is kept. */
  deleteUnmergedBranches: z.array(z.string().min(1).max(LIMITS.pathChars)).max(1000).optional(),
});
export const EmptyInput = object({}).optional().default({});

export const TaskRunInput = object({
  taskId: id('taskId'),
  /** Extra instructions appended to the task's prompt for this run. */
  prompt: promptText.optional(),
  /** Paths handed to the agent (dropped files); nothing is uploaded. */
  files: z.array(path('a file path is empty')).max(500).optional(),
  /** Where the run was started from; scheduled kinds are set by the engine itself. */
  trigger: z.enum(['manual', 'tray', 'drop']).optional(),
});

export const RunsListInput = object({
  taskId: id('taskId').optional(),
  status: z.enum(RUN_STATUSES).optional(),
  limit: z.number().int().min(1).max(LIMITS.runsPage).optional(),
})
  .optional()
  .default({});
export const RunIdInput = object({ runId: id('runId') });
export const RunEventsInput = object({
  runId: id('runId'),
  afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** Page from the end: the `limit` events before this seq (or the last ones, with `tail`). */
  beforeSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  tail: z.boolean().optional(),
  limit: z.number().int().min(1).max(LIMITS.eventsPage).optional(),
});
export const RunFollowUpInput = object({
  runId: id('runId'),
  prompt: promptText.trim().min(1, 'write the follow-up'),
});

const APPROVAL_STATUSES = [
  'pending',
  'allowed',
  'denied',
  'cancelled',
] as const satisfies readonly ApprovalStatus[];
export const ApprovalsListInput = object({
  status: z.enum(APPROVAL_STATUSES).optional(),
  runId: id('runId').optional(),
})
  .optional()
  .default({});
export const ApprovalDecideInput = object({
  approvalId: id('approvalId'),
  decision: z.enum(['allow', 'deny']),
  message: z.string().max(10_000).optional(),
  answers: z
    .record(z.string().max(10_000), z.string().max(10_000))
    .refine((answers) => Object.keys(answers).length <= 50, 'at most 50 answers')
    .optional(),
  always: z.boolean().optional(),
  /** How widely "always" allows: one of the request's alwaysChoices; the narrowest when absent. */
  alwaysScope: z.enum(ALWAYS_SCOPES).optional(),
  /** A secret request (kind `secret`) allowed: the value, set only in the run's shell commands. */
  secretValue: z.string().min(1, 'type the value').max(100_000).optional(),
  /** Also keep the value in the keychain under its name and give it to the task's later runs. */
  saveForTask: z.boolean().optional(),
  /** A secret request denied: the task's runs never get the request tool again (a disallowed tool). */
  neverForTask: z.boolean().optional(),
});

/** Epoch milliseconds up to the largest time a Date can hold. */
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
export const CostsSummaryInput = object({ from: epochMs.optional(), to: epochMs.optional() })
  .optional()
  .default({});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use a time such as 22:00');
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), 'use an http:// or https:// address');
const awayEvents = z.object(
  Object.fromEntries(AWAY_EVENTS.map((event) => [event, z.boolean()])) as Record<
    AwayEvent,
    z.ZodBoolean
  >,
);
const quietHours = z.object({ from: clockTime, to: clockTime }).nullable();
const AwaySettingsSchema = z.object({
  telegramApiUrl: httpUrl,
  telegramEvents: awayEvents,
  telegramQuietHours: quietHours,
  ntfyUrl: httpUrl,
  ntfyEvents: awayEvents,
  ntfyQuietHours: quietHours,
  webhookUrl: httpUrl.nullable(),
  webhookEvents: awayEvents,
  panelUrl: httpUrl.nullable(),
});

const nullableUsd = z.number().positive().max(1_000_000).nullable();
const commandLine = z.string().trim().min(1, 'type a command, or leave it empty').max(1_000);
export const SettingsSchema = z.object({
  concurrency: z.number().int().min(1).max(16),
  defaultModel: z.string().trim().max(100).nullable(),
  defaultPermissionMode: z.enum(PERMISSION_MODES),
  claudeExecutablePath: z.string().trim().min(1).max(LIMITS.pathChars).nullable(),
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
    localApi: z.boolean(),
    localApiPort: z.number().int().min(1024, 'use a port from 1024 to 65535').max(65535),
  }),
  pinnedTaskIds: z.array(id('a pinned task id')).max(20),
  appearance: z.object({ theme: z.enum(THEME_CHOICES) }),
  performance: z.object({
    warmSpare: z.boolean(),
    lowerClaudePriority: z.boolean(),
    keepTranscriptsDays: z.number().int().min(1).max(36_500).nullable(),
  }),
  limits: z.object({ holdTriggeredAtPercent: z.number().min(1).max(100) }),
  runs: z.object({
    stallMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24),
    stallAction: z.enum(['flag', 'stop']),
    waitingSlotMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24),
  }),
  away: AwaySettingsSchema,
  pullRequests: z.object({ apiUrl: httpUrl }),
  openIn: z.object({ editor: commandLine.nullable(), terminal: commandLine.nullable() }),
});
export const SettingsUpdateInput = object({
  concurrency: SettingsSchema.shape.concurrency.optional(),
  defaultModel: SettingsSchema.shape.defaultModel.optional(),
  defaultPermissionMode: SettingsSchema.shape.defaultPermissionMode.optional(),
  claudeExecutablePath: SettingsSchema.shape.claudeExecutablePath.optional(),
  budgets: object(SettingsSchema.shape.budgets.shape).partial().optional(),
  notifications: object(SettingsSchema.shape.notifications.shape).partial().optional(),
  triggers: object(SettingsSchema.shape.triggers.shape).partial().optional(),
  desktop: object(SettingsSchema.shape.desktop.shape).partial().optional(),
  performance: object(SettingsSchema.shape.performance.shape).partial().optional(),
  pinnedTaskIds: SettingsSchema.shape.pinnedTaskIds.optional(),
  appearance: object(SettingsSchema.shape.appearance.shape).partial().optional(),
  limits: object(SettingsSchema.shape.limits.shape).partial().optional(),
  runs: object(SettingsSchema.shape.runs.shape).partial().optional(),
  away: object({
    ...AwaySettingsSchema.shape,
    telegramEvents: object(awayEvents.shape).partial(),
    ntfyEvents: object(awayEvents.shape).partial(),
    webhookEvents: object(awayEvents.shape).partial(),
  })
    .partial()
    .optional(),
  pullRequests: object(SettingsSchema.shape.pullRequests.shape).partial().optional(),
  openIn: object(SettingsSchema.shape.openIn.shape).partial().optional(),
});
export const AwayTokenInput = object({
  token: z
    .string()
    .trim()
    .regex(/^\d{1,20}:[A-Za-z0-9_-]{20,200}$/, 'paste the token BotFather gave (digits:letters)'),
});
export const NtfyTokenInput = object({
  token: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{8,200}$/, 'paste the access token (tk_…) from your ntfy account'),
});
export const AwayDeliveriesInput = object({
  approvalIds: z.array(id('approvalId')).max(500),
});
export type SettingsPatch = z.infer<typeof SettingsUpdateInput>;

export const SecretSetInput = object({
  name: SECRET_NAME,
  value: z.string().min(1, 'the secret is empty').max(100_000),
});
export const SecretNameInput = object({ name: SECRET_NAME });

const cronFields = {
  cron: z.string().trim().min(1, 'write a cron expression, e.g. 0 9 * * 1-5').max(200),
  /** IANA name such as Europe/Berlin; the computer's own zone when left out. */
  timezone: z.string().trim().min(1).max(100).optional(),
};
const watchFields = {
  path: path('choose a folder to watch'),
  glob: z.string().trim().min(1).max(500).nullable().optional(),
  ignore: z.array(z.string().trim().min(1).max(500)).max(50).optional(),
  events: z
    .array(z.enum(WATCH_EVENTS))
    .min(1, 'choose at least one of add, change, unlink')
    .optional(),
};
const triggerBudget = z.number().positive().max(10_000).nullable().optional();
const triggerCommon = {
  taskId: id('taskId'),
  enabled: z.boolean().optional(),
  /** USD per day this trigger's runs may spend; null or absent: no limit of its own. */
  dailyBudgetUsd: triggerBudget,
};
export const TriggerCreateInput = z.discriminatedUnion(
  'kind',
  [
    object({ ...triggerCommon, kind: z.literal('cron'), ...cronFields }),
    object({ ...triggerCommon, kind: z.literal('watch'), ...watchFields }),
    object({ ...triggerCommon, kind: z.literal('webhook') }),
  ],
  { error: 'use kind cron, watch or webhook' },
);
/** Fields of another kind than the trigger's are refused by the engine. */
export const TriggerUpdateInput = object({
  triggerId: id('triggerId'),
  enabled: z.boolean().optional(),
  dailyBudgetUsd: triggerBudget,
  /** Webhooks: a new secret; the old one stops working at once. */
  rotateSecret: z.boolean().optional(),
  cron: cronFields.cron.optional(),
  timezone: cronFields.timezone,
  ...watchFields,
  path: watchFields.path.optional(),
});
export const TriggersListInput = object({ taskId: id('taskId').optional() })
  .optional()
  .default({});
export const TriggerIdInput = object({ triggerId: id('triggerId') });
export const TriggerPreviewInput = object({
  ...cronFields,
  count: z.number().int().min(1).max(50).optional(),
});
export const TriggerFiringsInput = object({
  triggerId: id('triggerId'),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const RunReviewInput = object({
  runId: id('runId'),
  /** approve: keep (in place) or merge (worktree); changes: a follow-up run; discard: undo. */
  decision: z.enum(['approve', 'changes', 'discard'], { error: 'use approve, changes or discard' }),
  /** approve of a worktree run: merge into a new branch made from the target, not the target. */
  intoNewBranch: z.boolean().optional(),
  feedback: z
    .string()
    .trim()
    .max(LIMITS.promptChars, `feedback is longer than ${LIMITS.promptChars} characters`)
    .optional(),
  comments: z
    .array(
      object({
        path: z.string().min(1).max(4_000),
        line: z.number().int().min(1),
        side: z.enum(['old', 'new']).default('new'),
        text: z.string().trim().min(1, 'write the comment').max(10_000),
      }),
    )
    .max(500)
    .optional(),
  /** discard: only these files (paths as runs.diff lists them); all of the run's when absent. */
  files: z
    .array(z.string().min(1, 'a file path is empty').max(LIMITS.pathChars))
    .min(1, 'name at least one file, or leave files out to discard all of the run’s changes')
    .max(100_000)
    .optional(),
  /** discard: what to do with each file both the run and someone else changed (default keep). */
  choices: z
    .array(
      object({
        path: z.string().min(1).max(LIMITS.pathChars),
        choice: z.enum(BOTH_CHOICES, { error: 'use keep, take_back_run or restore_start' }),
      }),
    )
    .max(100_000)
    .optional(),
  /**
   * discard: of a file only the run changed, take back only these of its changes, counted from 0
   * in the order of the `@@` hunks of its patch in runs.diff (all of them when the file is absent).
   */
  hunks: z
    .array(
      object({
        path: z.string().min(1).max(LIMITS.pathChars),
        hunks: z
          .array(z.number().int().min(0).max(1_000_000))
          .min(1, 'name at least one change of the file'),
      }),
    )
    .max(100_000)
    .optional(),
});
export const ReviewsListInput = object({
  status: z.enum(REVIEW_STATUSES).optional(),
  runId: id('runId').optional(),
  /** Only the reviews that need the person (shared/needs-you); other filters still apply. */
  needsYou: z.boolean().optional(),
})
  .optional()
  .default({});
/** runs.query: the Runs view's browse — filters, a search in prompts and results, and paging. */
export const RunsQueryInput = object({
  statuses: z.array(z.enum(RUN_STATUSES)).max(RUN_STATUSES.length).optional(),
  taskId: id('taskId').optional(),
  triggerKinds: z.array(z.enum(TRIGGER_KINDS)).max(TRIGGER_KINDS.length).optional(),
  /** Created at or after (epoch ms). */
  from: z.number().int().min(0).optional(),
  /** Created before (epoch ms). */
  to: z.number().int().min(0).optional(),
  /** Words looked for in the prompt, the result and the error. */
  search: z.string().trim().max(500).optional(),
  /** Runs in this place (its id), or `here`: runs on this machine. */
  place: id('place').optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(500).optional(),
})
  .optional()
  .default({});
export const EXPORT_SCOPES = ['run', 'thread'] as const;
export const EXPORT_FORMAT_NAMES = ['markdown', 'html', 'json'] as const;
export const RunOpenFolderInput = object({
  runId: id('runId'),
  app: z.enum(OPEN_FOLDER_APPS),
});
export const RunExportInput = object({
  runId: id('runId'),
  /** This run alone, or every turn of the conversation it belongs to. */
  scope: z.enum(EXPORT_SCOPES).default('run'),
  format: z.enum(EXPORT_FORMAT_NAMES),
  /** A new file on this machine (an existing one is never overwritten). */
  path: z
    .string()
    .min(1, 'path is required')
    .max(4_096)
    .refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value), {
      message: 'path must be absolute',
    }),
});
export const SearchQueryInput = object({
  /** Words looked for in every event of every run; "quoted words" as one phrase. */
  text: z.string().trim().max(500),
  taskId: id('taskId').optional(),
  statuses: z.array(z.enum(RUN_STATUSES)).max(RUN_STATUSES.length).optional(),
  triggerKinds: z.array(z.enum(TRIGGER_KINDS)).max(TRIGGER_KINDS.length).optional(),
  /** Runs in this place (its id), or `here`: runs on this machine. */
  place: id('place').optional(),
  /** Runs created at or after (epoch ms). */
  from: z.number().int().min(0).optional(),
  /** Runs created before (epoch ms). */
  to: z.number().int().min(0).optional(),
  /** The previous page's `next`. */
  before: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
export const TaskCheckInput = object({
  taskId: id('taskId'),
  /** Check the folder this run's session works in, for a follow-up or resume of it. */
  runId: id('runId').optional(),
});

/** A host name or address: letters, digits, dots, dashes, colons (IPv6); never an ssh option. */
const hostName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.:[\]-]{1,253}$/, 'use a host name or an address')
  .refine((host) => !host.startsWith('-'), 'a host name cannot start with -');
const sshPlaceFields = {
  host: hostName,
  user: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,63}$/, 'use a user name (letters, digits, _ . -)'),
  port: z.number().int().min(1).max(65_535).default(22),
  auth: z.enum(['agent', 'key']).default('agent'),
  keyPath: path('choose the private key file').nullable().default(null),
  claudePath: z
    .string()
    .trim()
    .min(1, 'say where Claude Code is')
    .max(LIMITS.pathChars)
    .default('claude'),
  folder: path('choose the folder runs work in').refine(
    (folder) => folder.startsWith('/') || folder.startsWith('~'),
    'use an absolute path on the far side',
  ),
};
const SshPlaceConfigInput = object(sshPlaceFields).refine(
  (ssh) => ssh.auth !== 'key' || ssh.keyPath !== null,
  { message: 'choose the private key file', path: ['keyPath'] },
);
/** An image reference as podman and docker read it; never an option. */
const imageName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/@-]{0,254}$/, 'use an image name (localhost/name:tag)');
const absoluteHere = (message: string) =>
  path(message).refine((folder) => folder.startsWith('/'), 'use an absolute path');
const ContainerPlaceConfigInput = object({
  engine: z.enum(['podman', 'docker']).default('podman'),
  image: imageName,
  claudePath: z
    .string()
    .trim()
    .min(1, 'say where Claude Code is in the image')
    .max(LIMITS.pathChars)
    .default('claude'),
  mounts: z
    .array(
      object({
        hostPath: absoluteHere('choose the folder to mount'),
        containerPath: absoluteHere('say where it appears in the container'),
        readOnly: z.boolean().default(true),
      }),
    )
    .max(20)
    .default([]),
  network: z.boolean().default(true),
  sealed: z.boolean().default(false),
});
const placeName = z.string().trim().min(1, 'give the place a name').max(100);
export const PlaceCreateInput = z.union([
  object({
    name: placeName,
    kind: z.literal('ssh').default('ssh'),
    ssh: SshPlaceConfigInput,
  }),
  object({ name: placeName, kind: z.literal('container'), container: ContainerPlaceConfigInput }),
]);
export const PlaceUpdateInput = object({
  placeId: id('placeId'),
  name: placeName.optional(),
  ssh: SshPlaceConfigInput.optional(),
  container: ContainerPlaceConfigInput.optional(),
});
export const PlaceIdInput = object({ placeId: id('placeId') });
export const PlaceTrustInput = object({
  placeId: id('placeId'),
  /** The fingerprint the person was shown: the key is accepted only if it is still that one. */
  fingerprint: z.string().trim().min(1).max(200),
});
/** The in-process server Switchboard gives every run is called this; no saved one may be. */
export const RESERVED_MCP_SERVER_NAME = 'switchboard';
const mcpServerName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'use letters, digits, - and _ (at most 64)')
  .refine(
    (name) => name.toLowerCase() !== RESERVED_MCP_SERVER_NAME,
    `"${RESERVED_MCP_SERVER_NAME}" is Switchboard's own server; choose another name`,
  );
const mcpSettings = (what: 'env' | 'header') => {
  const name =
    what === 'env'
      ? SECRET_NAME
      : z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'not a valid header name');
  return z
    .array(
      z.union([
        object({ name, value: z.string().max(10_000) }),
        object({ name, secret: SECRET_NAME }),
      ]),
    )
    .max(100);
};
const mcpServerShape = {
  name: mcpServerName,
  transport: z.enum(MCP_TRANSPORTS),
  command: z.string().trim().max(LIMITS.pathChars).nullable().optional(),
  args: z.array(z.string().max(10_000)).max(200).optional(),
  env: mcpSettings('env').optional(),
  url: z
    .string()
    .trim()
    .max(LIMITS.pathChars)
    .refine((url) => /^https?:\/\/\S+$/.test(url), 'use an http:// or https:// URL')
    .nullable()
    .optional(),
  headers: mcpSettings('header').optional(),
};
type McpServerShape = z.infer<ReturnType<typeof object<typeof mcpServerShape>>>;
/** A stdio server needs its command, an http or sse one its URL. */
function needsItsEndpoint(
  server: Pick<McpServerShape, 'transport' | 'command' | 'url'>,
  ctx: z.RefinementCtx,
) {
  if (server.transport === 'stdio' && !server.command) {
    ctx.addIssue({
      code: 'custom',
      path: ['command'],
      message: 'give the command that starts the server',
    });
  }
  if (server.transport !== 'stdio' && !server.url) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'give the URL the server answers at' });
  }
}
/** An MCP server as the library keeps it; mcpServers.test takes the same, saved or not. */
export const McpServerConfigInput = object(mcpServerShape).superRefine(needsItsEndpoint);
export const McpServerSaveInput = object({
  /** Absent: a new server. */
  serverId: id('serverId').optional(),
  ...mcpServerShape,
}).superRefine(needsItsEndpoint);
export const McpServerIdInput = object({ serverId: id('serverId') });
export const SkillSaveInput = object({
  name: SKILL_NAME,
  description: z.string().trim().min(1, 'say when Claude should use it').max(1024),
  instructions: z.string().trim().min(1, 'write what Claude should do').max(100_000),
});
export const SkillNameInput = object({ name: SKILL_NAME });
