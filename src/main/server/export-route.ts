// GET /export/<runId>?format=markdown|html|json&scope=run|thread: an export streamed as a download
// (the browser panel's Export menu; the desktop writes files through runs.export instead).
// Behind the token like /rpc; the engine writes it a page of events at a time.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { RunExportInput } from '../../shared/schemas';
import { ApiError, HTTP_STATUS } from '../../shared/errors';
import { sendError } from './http-io';
import { decodePath } from './panel-files';

const DownloadInput = RunExportInput.omit({ path: true });
type Download = ReturnType<typeof DownloadInput.parse>;

/** What the engine offers for downloads (engine/export/export-service.ts). */
export interface ExportStreams {
  fileName(request: Download): string;
  contentType(request: Download): string;
  write(request: Download, sink: Writable): Promise<unknown>;
}

export async function handleExport(
  exports: ExportStreams,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    sendError(res, 405, 'bad_input', 'Use GET for /export');
    return;
  }
  const runId = decodePath(url.pathname.slice('/export/'.length));
  const parsed = DownloadInput.safeParse({
    runId,
    format: url.searchParams.get('format') ?? undefined,
    scope: url.searchParams.get('scope') ?? undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    sendError(
      res,
      400,
      'bad_input',
      `${issue?.path.join('.') ?? 'input'}: ${issue?.message ?? ''}`,
    );
    return;
  }
  let name: string;
  try {
    name = exports.fileName(parsed.data);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    sendError(res, HTTP_STATUS[error.code], error.code, error.message);
    return;
  }
  res.writeHead(200, {
    'Content-Type': exports.contentType(parsed.data),
    'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await exports.write(parsed.data, res);
    res.end();
  } catch (error) {
    // Headers are gone: a cut-off download is the only way left to say it failed.
    console.error('[serve] export failed:', error);
    res.destroy();
  }
}
