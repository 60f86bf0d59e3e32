/**
 * The lead's viewer (issue 8 §4): filter by JST day range, actor, action and record id. Rows come back as
 * stored — ids, codes and counts — with the action's Japanese label added for display.
 *
 * At the station (issue 19) the viewer reads the merged audit: the station's own chain and every terminal's entries
 * its desk accepted from their segments (`fleet_entries`, verified per terminal before they land there), filterable
 * by 端末番号. Entries of a refused segment never reach that table, so the merged view shows only verified history.
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
  /** Rows with seq below this (for paging newest-first; this PC's own chain only). */
  beforeSeq?: number;
  /** 端末番号: only entries that happened on this terminal. */
  terminal?: string;
  /** The station's merged audit: this chain and the entries accepted from every terminal's segments. */
  merged?: boolean;
}

const COLUMNS = 'seq, at, terminal, actors, action, targets, detail';

async function hasFleetEntries(db: Db): Promise<boolean> {
  return !!(await db.get<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'fleet_entries'"));
}

/** The entries the viewer reads from: this chain, or at the station this chain and the terminals' accepted entries. */
async function source(db: Db, merged: boolean | undefined): Promise<{ from: string; order: string }> {
  if (merged && (await hasFleetEntries(db))) {
    return { from: `(SELECT ${COLUMNS} FROM audit_log UNION ALL SELECT ${COLUMNS} FROM fleet_entries) AS e`, order: 'at DESC, terminal, seq DESC' };
  }
  return { from: 'audit_log AS e', order: 'seq DESC' };
}

/** The 端末番号 the viewer can filter by (the merged audit's terminals at the station, this PC's own otherwise). */
export async function auditTerminals(db: Db, merged?: boolean): Promise<string[]> {
  const src = await source(db, merged);
  const rows = await db.all<{ terminal: string }>(`SELECT DISTINCT terminal FROM ${src.from} ORDER BY terminal`);
  return rows.map((r) => r.terminal);
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
    where.push('EXISTS (SELECT 1 FROM json_each(e.actors) WHERE value = ?)');
    params.push(q.actor);
  }
  if (q.recordId) {
    where.push("EXISTS (SELECT 1 FROM json_each(e.targets) WHERE json_extract(value, '$.recordId') = ?)");
    params.push(q.recordId);
  }
  if (q.terminal) {
    where.push('terminal = ?');
    params.push(q.terminal);
  }
  if (q.beforeSeq !== undefined) {
    where.push('seq < ?');
    params.push(q.beforeSeq);
  }
  const limit = Math.min(Math.max(1, q.limit ?? 500), MAX_LIMIT);
  const src = await source(db, q.merged);
  const rows = await db.all<{ seq: number; at: string; terminal: string; actors: string; action: string; targets: string; detail: string }>(
    `SELECT ${COLUMNS} FROM ${src.from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${src.order} LIMIT ${limit}`,
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
