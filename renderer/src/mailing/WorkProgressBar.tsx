import { formatCount } from '../ui/format';
import type { WorkProgressView } from '../../../shared/ipc/mailing';

/**
 * A determinate bar for a long check (issue 21): rows done of rows in the file, as main reports them; before
 * main's first report it says only that the work has started.
 */
export function WorkProgressBar({ id, progress, waiting, counted }: {
  id: string; progress: WorkProgressView | null; waiting: string; counted: (done: string, total: string) => string;
}) {
  const label = progress ? counted(formatCount(progress.done), formatCount(progress.total)) : waiting;
  return (
    <div className="mail-busy" role="status" data-testid={id}>
      <label htmlFor={`${id}-bar`}>{label}</label>
      <progress id={`${id}-bar`} max={Math.max(progress?.total ?? 1, 1)} value={progress?.done ?? 0} />
    </div>
  );
}
