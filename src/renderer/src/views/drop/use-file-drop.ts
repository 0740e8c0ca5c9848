// In the desktop app, files and folders dropped anywhere on the window become paths (the bridge's
// pathForFile); the browser has no such paths, so there dropping does nothing.
import { useEffect, useMemo, useState } from 'react';
import type { DesktopBridge } from '../../../../shared/desktop-bridge';
import { parseDropQuery, type DroppedPath } from '../../../../shared/drop-route';
import { navigate, useLocation } from '../../router/router';

export type { DroppedPath } from '../../../../shared/drop-route';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

function droppedPaths(bridge: DesktopBridge, transfer: DataTransfer): DroppedPath[] {
  const out: DroppedPath[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const file = item.getAsFile();
    if (!file) continue;
    const path = bridge.pathForFile(file);
    if (path) out.push({ path, isFolder: item.webkitGetAsEntry()?.isDirectory ?? false });
  }
  return out;
}

export function useFileDrop(bridge: DesktopBridge | null) {
  const [dragging, setDragging] = useState(false);
  const [dropped, setDropped] = useState<DroppedPath[] | null>(null);
  // Files dropped on the dock icon or the tray arrive as `/?drop=…` (see shared/drop-route.ts);
  // the query stays in the address until the draft is closed.
  const location = useLocation();
  const fromRoute = useMemo(
    () => parseDropQuery(new URL(location, window.location.origin).search),
    [location],
  );

  useEffect(() => {
    if (bridge === null || typeof bridge.pathForFile !== 'function') return;
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const paths = droppedPaths(bridge, event.dataTransfer);
      if (paths.length > 0) setDropped(paths);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [bridge]);

  const clear = () => {
    setDropped(null);
    if (fromRoute !== null) navigate(window.location.pathname, { replace: true });
  };
  return { dragging, dropped: dropped ?? fromRoute, clear };
}
