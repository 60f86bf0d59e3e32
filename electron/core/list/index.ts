/** Routine list updates (住基 CSV or list bundle) and the bundle export, after first-run setup (SPEC F8, F13). */
export { ListUpdateService, MAX_IDS_SHOWN, type ListFile, type ListPlan, type ListUpdateDeps, type PinEntry } from './listUpdate';
export { listErrors } from './errors';
export { committedEvent, dryRunEvent, exportedEvent, refusedEvent, removalConfirmedEvents } from './auditEvents';
export { ManualEntryService, ENTRY_REASONS, type EntryChange, type EntryKind, type EntryProposal, type ProposeResult } from './manualEntries';
export { ENTRY_FIELDS, type EntryFields, type FieldProblem } from './entryFields';
