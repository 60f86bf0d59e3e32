/** The tamper-evident audit trail (SPEC F10): chain, verify, checkpoints, breaks, viewer and exports. */
export { AuditChain, auditedTransaction, type AuditChainDeps, type ClockStatus } from './chain';
export { findClockRegressions, type ClockFindings } from './clock';
export { ChainBreaks, type BrokenChainNotice, type ChainBreak, type PinEntry } from './breaks';
export { parseCheckpoint, printableCheckpoint, type Checkpoint } from './checkpoint';
export { auditErrors } from './errors';
export { toCsv, toPrintableHtml, csvCell, escapeHtml, jstDateTime } from './export';
export { HEAD_FILE } from './head';
export { auditTerminals, queryAudit, type AuditQuery, type AuditRow } from './query';
export { validateEvent, RECORD_ID, STAFF_ID, AUDIT_FIELDS } from './validate';
export { verifyChain, describeProblem, type ChainProblem, type VerifyResult, type ProblemKind } from './verify';
export { openAuditChain, openVerifier } from './open';
export * from './time';
