export { OTHER_SYSTEMS, RECONCILE_CODES, RESOLUTIONS, type OtherSystem, type ReconcileCode, type Resolution } from './codes';
export { compareLists, type Comparison, type Finding, type RosterEntry } from './compare';
export { guessReconcileMapping, RECONCILE_FIELDS, type ReconcileField, type ReconcileMapping } from './mapping';
export { ReconcileService, reconcileRunErrors, type ReconcileOutcome } from './service';
export { ReconcileStore, REMIND_AFTER_DAYS, reconcileErrors, type OpenFinding } from './store';
