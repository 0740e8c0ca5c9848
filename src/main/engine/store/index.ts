// The store: the one owner of the SQLite file, composed of one repository per table group.
import { join } from 'node:path';
import { ApprovalStore } from './approval-store';
import { AwayStore } from './away-store';
import { localZone } from './cost-days';
import { CostStore } from './cost-store';
import { openDatabase, type Db } from './database';
import { ReviewStore } from './review-store';
import { RunQueries } from './run-query';
import { RunStore } from './run-store';
import { SearchStore } from './search-store';
import { TaskStore } from './task-store';
import { TriggerStore } from './trigger-store';
import { UndoStore } from './undo-store';
import { FolderTrustStore } from './folder-trust-store';
import { PlaceStore } from './place-store';
import { McpServerStore } from './mcp-server-store';
import { PullRequestStore } from './pull-request-store';
import { WebhookDeliveryStore } from './webhook-delivery-store';
import { makePrivateFile, makePrivateFolder } from './private-files';

export class Store {
  readonly tasks: TaskStore;
  readonly runs: RunStore;
  readonly runQueries: RunQueries;
  readonly approvals: ApprovalStore;
  readonly costs: CostStore;
  readonly triggers: TriggerStore;
  readonly reviews: ReviewStore;
  readonly undo: UndoStore;
  readonly webhookDeliveries: WebhookDeliveryStore;
  readonly folderTrust: FolderTrustStore;
  readonly places: PlaceStore;
  readonly away: AwayStore;
  readonly search: SearchStore;
  readonly mcpServers: McpServerStore;
  readonly pullRequests: PullRequestStore;

  constructor(private readonly db: Db) {
    this.tasks = new TaskStore(db);
    this.runs = new RunStore(db);
    this.runQueries = new RunQueries(db, this.runs);
    this.approvals = new ApprovalStore(db);
    this.costs = new CostStore(db);
    this.costs.days.keepZone(localZone());
    this.triggers = new TriggerStore(db);
    this.reviews = new ReviewStore(db);
    this.undo = new UndoStore(db);
    this.webhookDeliveries = new WebhookDeliveryStore(db);
    this.folderTrust = new FolderTrustStore(db);
    this.places = new PlaceStore(db);
    this.away = new AwayStore(db);
    this.search = new SearchStore(db);
    this.mcpServers = new McpServerStore(db);
    this.pullRequests = new PullRequestStore(db);
  }

  static ensureDir(dataDir: string): void {
    makePrivateFolder(dataDir);
  }

  static open(dataDir: string): Store {
    Store.ensureDir(dataDir);
    const file = join(dataDir, 'switchboard.sqlite');
    // Made owner-only before SQLite opens it: its -wal and -shm files take the same mode.
    makePrivateFile(file);
    return new Store(openDatabase(file));
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Returns up to `pages` free pages (all when omitted) to the file system. */
  releaseFreePages(pages?: number): void {
    this.db.pragma(pages === undefined ? 'incremental_vacuum' : `incremental_vacuum(${pages})`);
  }

  close(): void {
    this.runs.eventLog.flush();
    this.db.close();
  }
}

export type { RunRecord, RunPatch, NewRunEvent } from './run-store';
export type { TaskRecord } from './task-store';
export type { McpServerRecord } from './mcp-server-store';
export type { PendingFiring, TriggerRecord, TriggerSpec } from './trigger-store';
export { toPublicRun } from './run-store';
export type { ReviewRecord } from './review-store';
