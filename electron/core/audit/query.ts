/**
 * The lead's viewer (issue 8 §4): filter by JST day range, actor, action and record id. Rows come back as
 * stored — ids, codes and counts — with the action's Japanese label added for display.
 */
import { AUDIT_ACTIONS, isAuditAction } from '../../../shared/audit/actions';
import type { Db } from '../vault/db';
import { jstDayStart } from './time';

export interface AuditQuery {
  /** Inclusive JST days, YYYY-MM-DD. */
  fromDay?: string;
  toDay?: string;
  actor?: string;
  action?: string;
  recordId?: string;
  limit?: number;
  /** Rows with seq below this (for paging newest-first). */
  beforeSeq?: number;
}

export interface AuditRow {
  seq: number;
  at: string;
  terminal: string;
  actors: string[];
  action: string;
  actionJa: string;
  actionEn: string;
  targets: Array<{ recordId?: string; field?: string }>;
  detail: Record<string, string | number | boolean>;
}

const MAX_LIMIT = 5_000;

export async function queryAudit(db: Db, q: AuditQuery): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.fromDay) {
    where.push('at >= ?');
    params.push(jstDayStart(q.fromDay).toISOString());
  }
  if (q.toDay) {
    where.push('at < ?');
    params.push(new Date(jstDayStart(q.toDay).getTime() + 86_400_000).toISOString());
  }
  if (q.action) {
    where.push('action = ?');
    params.push(q.action);
  }
  if (q.actor) {
    where.push('EXISTS (SELECT 1 FROM json_each(audit_log.actors) WHERE value = ?)');
    params.push(q.actor);
  }
  if (q.recordId) {
    where.push("EXISTS (SELECT 1 FROM json_each(audit_log.targets) WHERE json_extract(value, '$.recordId') = ?)");
    params.push(q.recordId);
  }
  if (q.beforeSeq !== undefined) {
    where.push('seq < ?');
    params.push(q.beforeSeq);
  }
  const limit = Math.min(Math.max(1, q.limit ?? 500), MAX_LIMIT);
  const rows = await db.all<{ seq: number; at: string; terminal: string; actors: string; action: string; targets: string; detail: string }>(
    `SELECT seq, at, terminal, actors, action, targets, detail FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`,
    params,
  );
  return rows.map(toAuditRow);
}

export function toAuditRow(r: { seq: number; at: string; terminal: string; actors: string; action: string; targets: string; detail: string }): AuditRow {
  const info = isAuditAction(r.action) ? AUDIT_ACTIONS[r.action] : { ja: r.action, en: r.action };
  return {
    seq: r.seq, at: r.at, terminal: r.terminal, actors: JSON.parse(r.actors) as string[], action: r.action,
    actionJa: info.ja, actionEn: info.en,
    targets: JSON.parse(r.targets) as AuditRow['targets'], detail: JSON.parse(r.detail) as AuditRow['detail'],
  };
}
