// Exporting a run or its conversation from the panel: in the desktop app the person picks where
// the file goes and the engine writes it (runs.export); in a browser it downloads from the local
// API's /export route. Both stream: the panel never holds the transcript.
import type { ApiClient } from '../../../../shared/client';
import type { MethodInput } from '../../../../shared/contract';
import type { DesktopBridge } from '../../../../shared/desktop-bridge';
import type { ExportResult } from '../../../../shared/domain';

export type ExportFormat = MethodInput<'runs.export'>['format'];
export type ExportScope = NonNullable<MethodInput<'runs.export'>['scope']>;

export const EXPORT_CHOICES: { format: ExportFormat; label: string; extension: string }[] = [
  { format: 'html', label: 'HTML page (reads offline)', extension: 'html' },
  { format: 'markdown', label: 'Markdown', extension: 'md' },
  { format: 'json', label: 'JSON of the events', extension: 'json' },
];

export function downloadUrl(runId: string, scope: ExportScope, format: ExportFormat): string {
  const params = new URLSearchParams({ format, scope });
  return `/export/${encodeURIComponent(runId)}?${params.toString()}`;
}

export function suggestedName(
  title: string,
  runId: string,
  scope: ExportScope,
  format: ExportFormat,
) {
  const base = title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60) || 'transcript';
  const extension = EXPORT_CHOICES.find((choice) => choice.format === format)?.extension ?? 'txt';
  return `${base}-${runId}${scope === 'thread' ? '-conversation' : ''}.${extension}`;
}

/**
 * Exports as the panel can: a save dialog and runs.export in the desktop app (null when the person
 * cancels), a download in a browser ('download').
 */
export async function exportRun(
  target: { api: ApiClient; desktop: DesktopBridge | null },
  run: { id: string; taskTitle: string },
  scope: ExportScope,
  format: ExportFormat,
): Promise<ExportResult | 'download' | null> {
  if (target.desktop) {
    const path = await target.desktop.pickSavePath(
      suggestedName(run.taskTitle, run.id, scope, format),
    );
    if (path === null) return null;
    return target.api.call('runs.export', { runId: run.id, scope, format, path });
  }
  const link = document.createElement('a');
  link.href = downloadUrl(run.id, scope, format);
  link.download = suggestedName(run.taskTitle, run.id, scope, format);
  document.body.append(link);
  link.click();
  link.remove();
  return 'download';
}
