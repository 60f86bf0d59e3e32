import { useEffect, useRef, useState } from 'react';

/** Progress of a long import as main reports it (the first list at setup, a later list update). */
export type ImportProgress = { running: boolean; phase: 'idle' | 'parse' | 'compare' | 'index' | 'write'; done: number; total: number };

/**
 * IPC is request/response, so a long commit is watched by polling its progress channel while it runs
 * (and once more after, so the bar ends at the true final count).
 */
export function usePolledProgress(active: boolean, channel: 'list:progress' | 'setup:importProgress'): ImportProgress | null {
  const [p, setP] = useState<ImportProgress | null>(null);
  const wasActive = useRef(false);
  useEffect(() => {
    const poll = () => void window.countershield.invoke(channel, {}).then((r) => {
      if (r.ok && r.value.total > 0) setP(r.value);
    });
    if (!active) {
      if (wasActive.current) poll();
      wasActive.current = false;
      return;
    }
    wasActive.current = true;
    const id = setInterval(poll, 150);
    return () => clearInterval(id);
  }, [active, channel]);
  return p;
}
