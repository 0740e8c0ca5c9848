// Exports a run, or the whole conversation it belongs to, as Markdown, HTML or JSON: events are
// read a page at a time and written as they are read (awaiting the sink when it is full), so the
// transcript is never held in memory. Every stored secret is redacted again on the way out.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { MethodParams } from '../../../shared/contract';
import type { ExportResult, Run } from '../../../shared/domain';
import { badInput, notFound } from '../../../shared/errors';
import { SecretRedactor } from '../secrets/secret-redaction';
import { toPublicRun, type Store } from '../store';
import { EXPORT_FILES, type ExportFormat, type ExportWriter } from './export-format';
import { htmlWriter } from './export-html';
import { jsonWriter } from './export-json';
import { markdownWriter } from './export-markdown';

/** Events read per page. */
const PAGE = 500;

export interface ExportRequest {
  runId: string;
  scope: 'run' | 'thread';
  format: ExportFormat;
}

export interface ExportServiceDeps {
  store: Store;
  clock: () => number;
  /** Every stored secret's value by name (redacted again in what is written). */
  secrets: () => Promise<Record<string, string>>;
}

export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  /** A file name for the export: the task's title and the run's id. */
  fileName(request: ExportRequest): string {
    const run = this.runsOf(request)[0];
    const title = (run?.taskTitle ?? 'transcript').replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    const suffix = request.scope === 'thread' ? '-conversation' : '';
    return `${title}-${request.runId}${suffix}.${EXPORT_FILES[request.format].extension}`;
  }

  contentType(request: Pick<ExportRequest, 'format'>): string {
    return EXPORT_FILES[request.format].contentType;
  }

  /** Writes the export to `sink`, awaiting it whenever it asks to; the sink is left open. */
  async write(request: ExportRequest, sink: Writable): Promise<{ events: number; runs: number }> {
    const runs = this.runsOf(request);
    const redactor = new SecretRedactor(await this.deps.secrets());
    const writer = writerFor(request.format, this.deps.clock());
    const put = async (text: string) => {
      if (text === '' || sink.write(text)) return;
      await once(sink, 'drain');
    };
    let events = 0;
    await put(writer.start(runs));
    for (const [index, run] of runs.entries()) {
      await put(writer.runStart(run, index + 1));
      for (let after = 0; ;) {
        const page = this.deps.store.runs.events(run.id, after, PAGE);
        for (const event of page) await put(writer.event(redactor.redact(event)));
        events += page.length;
        const last = page.at(-1);
        if (page.length < PAGE || !last) break;
        after = last.seq;
      }
      await put(writer.runEnd(run));
    }
    await put(writer.end());
    return { events, runs: runs.length };
  }

  /** Writes a new file at `path` (never over an existing one); a failed export leaves none. */
  async toFile(params: MethodParams<'runs.export'>): Promise<ExportResult> {
    this.runsOf(params);
    const file = createWriteStream(params.path, { flags: 'wx', mode: 0o600 });
    try {
      await once(file, 'open');
    } catch (error) {
      throw openError(params.path, error);
    }
    try {
      const counts = await this.write(params, file);
      file.end();
      await once(file, 'finish');
      return { path: params.path, bytes: file.bytesWritten, ...counts };
    } catch (error) {
      file.destroy();
      await rm(params.path, { force: true });
      throw error;
    }
  }

  private runsOf(request: Pick<ExportRequest, 'runId' | 'scope'>): Run[] {
    const run = this.deps.store.runs.get(request.runId);
    if (!run) throw notFound('run', request.runId);
    if (request.scope === 'run') return [toPublicRun(run)];
    const thread = this.deps.store.runQueries.thread(request.runId);
    return (thread.length > 0 ? thread : [run]).map(toPublicRun);
  }
}

function writerFor(format: ExportFormat, now: number): ExportWriter {
  switch (format) {
    case 'markdown':
      return markdownWriter();
    case 'html':
      return htmlWriter(now);
    case 'json':
      return jsonWriter(now);
  }
}

/** Why the file could not be made, in words (an existing file is kept: never overwritten). */
function openError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST')
    return badInput(
      'path',
      `A file is already at ${path}; it was left as it is. Choose another name.`,
    );
  if (code === 'ENOENT') return badInput('path', `The folder for ${path} does not exist.`);
  if (code === 'EACCES') return badInput('path', `Switchboard may not write to ${path}.`);
  return error instanceof Error ? error : new Error(String(error));
}
