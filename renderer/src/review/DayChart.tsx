import { useTranslation } from 'react-i18next';
import type { MonthlyReportDto } from '../../../shared/ipc/leads';
import { formatCount } from '../ui/format';

const W = 1040;
const H = 190;
const PAD = { l: 40, r: 8, t: 12, b: 28 };

/**
 * Events per day as plain SVG bars (no chart library): a lead sees a spike faster than they read a table.
 * The whole bar is every event; the coloured parts are unmasks, refusals and alarms, the things to ask about.
 */
export function DayChart({ days }: { days: MonthlyReportDto['perDay'] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...days.map((d) => d.total));
  const bw = (W - PAD.l - PAD.r) / days.length;
  const y = (v: number) => PAD.t + (H - PAD.t - PAD.b) * (1 - v / max);
  const h = (v: number) => (H - PAD.t - PAD.b) * (v / max);
  return (
    <figure className="day-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('leads.review.chart')} data-testid="day-chart">
        <line x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} stroke="#8a939e" />
        <text x={PAD.l - 6} y={y(max) + 5} textAnchor="end" fontSize="15" fill="#4a5360">{formatCount(max)}</text>
        <text x={PAD.l - 6} y={y(0)} textAnchor="end" fontSize="15" fill="#4a5360">0</text>
        {days.map((d, i) => {
          const x = PAD.l + i * bw + 2;
          const w = Math.max(2, bw - 4);
          let stack = 0;
          const part = (v: number, cls: string) => {
            const r = <rect key={cls} className={cls} x={x} y={y(stack + v)} width={w} height={h(v)} />;
            stack += v;
            return v > 0 ? r : null;
          };
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.total}`}</title>
              <rect className="bar-total" x={x} y={y(d.total)} width={w} height={h(d.total)} />
              {part(d.unmask, 'bar-unmask')}
              {part(d.refusal, 'bar-refusal')}
              {part(d.alarm, 'bar-alarm')}
              {(i === 0 || (i + 1) % 5 === 0) && <text x={x + w / 2} y={H - 8} textAnchor="middle" fontSize="15" fill="#4a5360">{Number(d.day.slice(8))}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        {(['total', 'unmask', 'refusal', 'alarm'] as const).map((k) => <span key={k}><i className={`swatch bar-${k}`} />{t(`leads.review.legend.${k}`)}</span>)}
      </figcaption>
    </figure>
  );
}
