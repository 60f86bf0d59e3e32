/**
 * What IPC handlers may use. Main builds it from Electron adapters; the e2e harness and unit tests
 * build it from plain-Node stand-ins. Handlers never import 'electron' themselves.
 */
import type { LockState } from '../../shared/ipc/contract';
import type { AppAdminService } from '../core/admin/appAdmin';
import type { RestoreNotice } from '../core/admin/restoreNotice';
import type { CaseService } from '../core/cases/caseService';
import type { SessionManager } from '../core/session';
import type { UnmaskService } from '../core/unmask';
import type { LeadServices } from '../core/leads';
import type { SetupService } from '../core/setup';
import type { ListUpdateService, ManualEntryService } from '../core/list';
import type { ReleaseService } from '../core/release';
import type { StaffService } from '../core/staff';
import type { EffectivePolicy } from '../../shared/policy/cameraPolicy';
import type { Actor, Role } from '../core/ports';
import type { AppErrorInfo } from '../../shared/errors';
import type { PolicyProposal } from '../core/policy';
import type { DepartmentServices } from '../core/departments';
import type { FleetRuntime } from '../core/fleet/runtime';

export type Language = 'ja' | 'en';

/** Non-secret preferences only (electron-store in the app): never personal data, never keys. */
export interface Preferences {
  getLanguage(): Language;
  setLanguage(language: Language): void;
  getTerminalLabel(): string;
}

export interface AppContext {
  readonly version: string;
  readonly prefs: Preferences;
  /** The live state of the locks, read each time from what main actually installed. */
  locks(): LockState;
  vaultState(): 'absent' | 'locked' | 'open' | 'error';
  staffCount(): number;
  /** Whether the OS clock went back behind the audit log (absent until the chain is open). */
  clockStatus?(): { backwards: boolean; lastEntryAt: string | null } | undefined;
  readonly policy: PolicyContext;
  /** The case workspace (SPEC F7); absent until the vault is open. */
  readonly cases?: CaseContext;
  /** Clerk sessions and the two-operator unmask (SPEC F4, F9); absent until the vault and staff are set up. */
  readonly unmask?: UnmaskContext;
  /** Audit viewer, monthly review, incidents (SPEC F10–F12); absent until the vault is open. */
  readonly leads?: LeadsContext;
  /** First-run setup and terminal enrolment (SPEC F9, F13); main builds it with SetupService.start(). */
  readonly setup?: SetupContext;
  /** The routine list update (住基 CSV or bundle) and the bundle export (SPEC F8, F13); absent until the vault is open. */
  readonly list?: ListContext;
  /** Staff administration with a second person (SPEC F9); absent until the vault and staff are set up. */
  readonly staff?: StaffContext;
  /** The administration screen's tasks (issue 17); absent until the vault is open. */
  readonly admin?: AdminTasksContext;
  /** Other departments' mailing check and other systems' reconciliation (issue 21); absent until the vault is open. */
  readonly departments?: DepartmentsContext;
  /** The fleet: station or terminal, drop folder, list age, fleet review (issues 18, 19); absent until the vault is open. */
  readonly fleet?: FleetContext;
}

/** The admin tasks on the open vault, and the platform's save dialogs for what they produce. */
export interface AdminTasksContext {
  readonly service: AppAdminService;
  /** The one-time notice after a restore from the screen (counts and the backup's date only); null once taken. */
  takeRestoreNotice?(): RestoreNotice | null;
  saveText(content: string, suggestedName: string): Promise<{ saved: boolean; location: string }>;
  saveFile(file: Uint8Array, suggestedName: string): Promise<{ saved: boolean; location: string }>;
  /** HTML made in main, rendered to PDF in the script-less print window (platform/pdf.ts). */
  savePdf(html: string, suggestedName: string): Promise<{ saved: boolean; location: string }>;
}

/** The services beyond the counter, plus the dialogs: open a CSV (the bytes stay in main) and save a report. */
export interface DepartmentsContext {
  readonly services: DepartmentServices;
  chooseFile(): Promise<{ name: string; bytes: Uint8Array } | null>;
  saveReport(content: string, fileName: string): Promise<{ location: string }>;
  /** Who is logged in at this terminal (a live session), or null. */
  actor(): Promise<Actor | null>;
}

/** The fleet runtime as handlers see it, and who is logged in (roles are checked in main on every call). */
export interface FleetContext {
  readonly runtime: FleetRuntime;
  actor(): Promise<Actor | null>;
}

/** The staff directory as handlers see it, with the session that says who is at the terminal. */
export interface StaffContext {
  readonly service: Pick<StaffService, 'list' | 'describe' | 'proposeChange' | 'pendingChange' | 'confirmChange' | 'cancelChange' | 'changePin' | 'now'>;
  readonly sessions: SessionManager;
}

/** The list update as handlers see it, plus the two dialogs: open (the bytes stay in main) and save the bundle. */
export interface ListContext {
  readonly service: ListUpdateService;
  /** Hand entries and the lead's expiry alerts (issue 22). */
  readonly entries?: ManualEntryService;
  /** Temporary releases (SPEC F20, issue 22). */
  readonly releases?: ReleaseService;
  /** Who is logged in at this terminal (a live session), or null: the alerts need a lead or administrator. */
  actor?(): Promise<Actor | null>;
  /** Fail closed (issue 14): a finding that stops imports until two people acknowledge it; null = go. */
  stopped?(): Promise<AppErrorInfo | null>;
  chooseListFile(): Promise<{ name: string; bytes: Uint8Array } | null>;
  /** A save dialog in main; writes the encrypted, signed bundle as it is. `saved` false when cancelled. */
  saveBundle(file: Uint8Array, suggestedName: string): Promise<{ saved: boolean; location: string }>;
}

/** Setup as handlers see it, plus the two platform steps: printing the recovery sheet and choosing the list file. */
export interface SetupContext {
  readonly service: SetupService;
  /** Prints (never saves) the recovery-key sheet: webContents.print in the app, Chromium's PDF engine in memory in e2e. */
  printRecoverySheet(html: string): Promise<{ printed: boolean }>;
  /** An open-file dialog in main; the bytes stay in main. Null when cancelled. */
  chooseListFile(): Promise<{ name: string; bytes: Uint8Array } | null>;
}

/** The lead-facing services as handlers see them, plus where exports are saved (a dialog in the app). */
export interface LeadsContext {
  readonly services: Pick<LeadServices, 'chain' | 'breaks' | 'review' | 'incidents' | 'clock'>;
  saveExport(content: string, fileName: string): Promise<{ location: string }>;
  /** Who is logged in at this terminal (a live session), or null: the audit, review and incident screens need a lead or admin. */
  actor(): Promise<Actor | null>;
  /** Notices for the start screen that are not chain breaks: repeated wrong PINs across staff ids (issue 14). */
  pinAlert?(): { failures: number; since: string } | null;
}

/** Sessions and unmask as handlers see them; built by coreContext() from createCoreServices(). */
export interface UnmaskContext {
  readonly sessions: SessionManager;
  readonly service: UnmaskService;
}

/** The counter case as handlers see it. */
export interface CaseContext {
  readonly service: CaseService;
  /** The staff id of the logged-in clerk, or null when the terminal is locked or nobody is logged in. */
  clerk(): string | null;
  /** The logged-in clerk's roles (null when locked): a 委託 login's case stops at any match (SPEC F19). */
  clerkRoles(): readonly Role[] | null;
  /** The terminal's sessions, for a 職員 taking over a 委託 login's case; absent = no takeover at this terminal. */
  readonly sessions?: SessionManager;
  /** Renders the redacted applicant copy to PDF and saves or prints it (Electron printToPDF; Chromium in e2e). */
  saveApplicantCopy(html: string, suggestedName: string): Promise<{ saved: boolean; location: string }>;
}

/** The camera-policy lock as handlers see it (SPEC F5); main builds it from electron/core/policy. */
export interface PolicyContext {
  effective(): EffectivePolicy;
  recordPhotoRequest(input: { caseId?: string }): Promise<{ ref: string; recordedAt: string }>;
  /** The two-administrator change; absent until the vault is open (the file cannot be signed before). */
  readonly admin?: PolicyAdminContext;
}

/** PolicyAdmin as handlers see it; `approve` reloads the effective policy before it returns. */
export interface PolicyAdminContext {
  propose(input: { staffId: string; pin: string; policy: unknown }): Promise<PolicyProposal>;
  approve(input: { proposalId: string; policyHash: string; staffId: string; pin: string }): Promise<{ revision: number; policyHash: string }>;
  pending(): readonly PolicyProposal[];
}
