import { useEffect, useRef, useState } from 'react';
import type { WorkProgressView } from '../../../shared/ipc/mailing';

/**
 * Rows done of rows in the file while main checks a batch or compares a list (issue 21). IPC is
 * request/response, so the screen polls `mailing:progress` while its call runs, and once more after, so the bar
 * ends at the true count.
 */
export function useWorkProgress(active: boolean): WorkProgressView | null {
  const [p, setP] = useState<WorkProgressView | null>(null);
  const wasActive = useRef(false);
  useEffect(() => {
    const poll = () => void window.countershield.invoke('mailing:progress', {}).then((r) => {
      if (r.ok && r.value.total > 0) setP(r.value);
    });
    if (!active) {
      if (wasActive.current) poll();
      wasActive.current = false;
      return;
    }
    wasActive.current = true;
    setP(null);
    const id = setInterval(poll, 150);
    return () => clearInterval(id);
  }, [active]);
  return p;
}
