/**
 * The station's side of the fleet (SPEC F15, FLEET.md): it holds the repository's roles, makes terminal packages
 * that two administrators sign, publishes them into the drop folder, and acknowledges each terminal's audit head.
 *
 * State lives in `fleet-station.json` in the station's data folder: versions, the administrators' wrapped targets
 * keys, the sealed online key, the acknowledged heads and the retired terminals, MACed with a key of the station's
 * vault so an edit is refused (E_FLEET_STATION_STATE), never silently used.
 */
import { createHash, createHmac, createPublicKey, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile, rename, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Metadata, TargetFile, type Root, type Targets } from '@tufjs/models';
import { deriveSigningKey } from '../bundle/signing';
import { personsToCsv } from '../bundle/listCsv';
import { formerFromEntries, formerToEntries } from '../bundle/payload';
import { parseProtectedList } from '../import/parseList';
import type { ProtectedPerson } from '../../../shared/domain/person';
import * as aead from '../vault/aead';
import type { FormerPlaceTokens } from '../vault/blindIndex';
import type { Vault } from '../vault/vault';
import { readDirectory } from './directory';
import { fleetErrors } from './errors';
import { newKeyPair, privateKeyOf, roleKey, signerFor, unwrapAdminKey, wrapAdminKey, type WrappedAdminKey } from './keys';
import { openPackage, packageName, sealPackage, type ListIdentity, type PackageContent } from './package';
import {
  HEADS_TARGET, ensureRepo, metadataBytes, newAcks, newRoot, newSnapshot, newTargets, newTimestamp, signed, targetFileFor,
  writeMetadata, writeTarget,
} from './repository';

export const STATION_FILE = 'fleet-station.json';
const FORMAT = 'countershield-fleet-station/v1';
const DAY = 86_400_000;
const ROOT_DAYS = 365;
const TARGETS_DAYS = 90;

export interface AckedHead { seq: number; hash: string }
export interface HeadsFile { format: 'countershield-fleet-heads/v1'; issuedAt: string; heads: Record<string, AckedHead> }

interface StationState {
  format: typeof FORMAT;
  listAgeLimitDays: number;
  targetsThreshold: number;
  rootKeyid: string;
  admins: WrappedAdminKey[];
  online: { keyid: string; publicHex: string; sealed: string };
  versions: { root: number; targets: number; acks: number; snapshot: number; timestamp: number };
  packageVersion: number;
  /** The current package target as TUF describes it (path, length, hashes, custom). */
  packageTarget?: Record<string, unknown>;
  headsTarget?: Record<string, unknown>;
  heads: Record<string, AckedHead>;
  retired: string[];
}

export interface StationDeps {
  vault: Vault;
  /** The station's data folder (the state file lives beside the vault). */
  stateDir: string;
  dropDir: string;
  clock: () => Date;
}

export interface AdminPinKey { adminId: string; pinKek: Uint8Array }

/** A package made and awaiting the administrators' signatures on its targets metadata. */
export interface PendingRelease {
  version: number;
  file: Buffer;
  targets: Metadata<Targets>;
  signedBy: string[];
  /** The list identity's content hash this release carries. */
  contentHash?: string;
}

const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

export class FleetStation {
  private constructor(
    private readonly deps: StationDeps,
    private state: StationState,
  ) {}

  /**
   * Creates the lineage's repository: root signed by the recovery key's signing key, one targets key per
   * administrator (threshold 2), one online key. Writes root v1 and an empty first release into the drop folder.
   */
  static async create(deps: StationDeps, o: { recoveryKey: string; admins: AdminPinKey[]; listAgeLimitDays?: number; targetsThreshold?: number }): Promise<FleetStation> {
    const threshold = o.targetsThreshold ?? 2;
    if (o.admins.length < threshold || new Set(o.admins.map((a) => a.adminId)).size !== o.admins.length) throw fleetErrors.twoPeopleRequired();
    await deps.vault.verifyRecoveryKey(o.recoveryKey);
    const online = newKeyPair();
    const rootPub = deriveSigningKey(o.recoveryKey).publicKey;
    const state: StationState = {
      format: FORMAT, listAgeLimitDays: o.listAgeLimitDays ?? 7, targetsThreshold: threshold,
      rootKeyid: roleKey(rootPub).keyid,
      admins: o.admins.map((a) => wrapAdminKey(a.adminId, a.pinKek)),
      online: { keyid: online.keyid, publicHex: online.publicHex, sealed: aead.seal(onlineSealKey(deps.vault), online.privateDer, 'cs/v1|fleet|online-key').toString('base64') },
      versions: { root: 0, targets: 0, acks: 0, snapshot: 0, timestamp: 0 }, packageVersion: 0, heads: {}, retired: [],
    };
    online.privateDer.fill(0);
    const station = new FleetStation(deps, state);
    await ensureRepo(deps.dropDir);
    await station.signRoot(deriveSigningKey(o.recoveryKey));
    await station.publishAcks();
    return station;
  }

  static async open(deps: StationDeps): Promise<FleetStation> {
    return new FleetStation(deps, await readState(deps));
  }

  get packageVersion(): number {
    return this.state.packageVersion;
  }

  get retired(): readonly string[] {
    return this.state.retired;
  }

  /** The root version the drop folder holds now (grows by one per rotation). */
  get rootVersion(): number {
    return this.state.versions.root;
  }

  /** How many administrators hold a targets key, and how many must sign a release. */
  get signers(): { admins: string[]; threshold: number } {
    return { admins: this.state.admins.map((a) => a.adminId), threshold: this.state.targetsThreshold };
  }

  acknowledgedHeads(): Readonly<Record<string, AckedHead>> {
    return this.state.heads;
  }

  /**
   * Key rotation through root (TUF 5.3, FLEET flow 5). Root v+1 names a new lineage signing key (from a new sheet,
   * `newRootSecret`), fresh targets keys for the administrators present and a fresh online key; it is signed by the
   * current root key AND the new one, so a terminal that trusts v walks to v+1 by itself and nobody holding only one
   * of the two keys can rotate. The current release is re-signed at once by the new administrators' keys: terminals
   * keep picking it up, and anything signed by a retired key is refused by the client from then on.
   */
  async rotateKeys(o: { rootSecret: string; newRootSecret?: string; admins: AdminPinKey[] }): Promise<{ rootVersion: number; targetsVersion: number }> {
    if (o.admins.length < this.state.targetsThreshold || new Set(o.admins.map((a) => a.adminId)).size !== o.admins.length) throw fleetErrors.twoPeopleRequired();
    const current = this.currentRootKey(o.rootSecret);
    const next = o.newRootSecret === undefined ? current : deriveSigningKey(o.newRootSecret);
    if (o.newRootSecret !== undefined && roleKey(next.publicKey).keyid === this.state.rootKeyid) throw fleetErrors.rootKeyUnchanged();
    const online = newKeyPair();
    this.state.admins = o.admins.map((a) => wrapAdminKey(a.adminId, a.pinKek));
    this.state.online = { keyid: online.keyid, publicHex: online.publicHex, sealed: aead.seal(onlineSealKey(this.deps.vault), online.privateDer, 'cs/v1|fleet|online-key').toString('base64') };
    online.privateDer.fill(0);
    await this.signRoot(current, next);
    if (this.state.packageTarget) await this.resignTargets(o.admins);
    // Everything the online key signs is re-signed under the new key at once.
    await this.publishAcks();
    return { rootVersion: this.state.versions.root, targetsVersion: this.state.versions.targets };
  }

  /** Refuses a wrong current root key before anyone is asked for more (and before the audit names a rotation). */
  checkRootSecret(secret: string): void {
    this.currentRootKey(secret);
  }

  /** The key that signs root now: the recovery key's until the first rotation, then the sheet that rotation printed. */
  private currentRootKey(secret: string) {
    let key: ReturnType<typeof deriveSigningKey>;
    try {
      key = deriveSigningKey(secret);
    } catch {
      throw fleetErrors.rootKeyWrong();
    }
    if (roleKey(key.publicKey).keyid !== this.state.rootKeyid) throw fleetErrors.rootKeyWrong();
    return key;
  }

  /** The current release, unchanged, in a new targets version signed by the administrators' new keys. */
  private async resignTargets(admins: AdminPinKey[]): Promise<void> {
    const targets = new Metadata(newTargets({
      version: this.state.versions.targets + 1, expires: iso(new Date(this.deps.clock().getTime() + TARGETS_DAYS * DAY)),
      targets: [TargetFile.fromJSON(packageName(this.state.packageVersion), this.state.packageTarget as Parameters<typeof TargetFile.fromJSON>[1])],
      online: { keyid: this.state.online.keyid, key: roleKey(spkiOfHex(this.state.online.publicHex)).key },
    }));
    const release: PendingRelease = { version: this.state.packageVersion, file: Buffer.alloc(0), targets, signedBy: [] };
    for (const a of admins.slice(0, this.state.targetsThreshold)) this.signRelease(release, a);
    await writeMetadata(this.deps.dropDir, 'targets', targets);
    this.state.versions.targets = targets.signed.version;
  }

  /**
   * A new root version: at setup (signed by the lineage key alone) and at rotation (signed by the current root key
   * and, when it changes, the new one — TUF's rule, checked by every terminal's client).
   */
  private async signRoot(current: ReturnType<typeof deriveSigningKey>, next: ReturnType<typeof deriveSigningKey> = current): Promise<void> {
    const now = this.deps.clock();
    const keys: Root['keys'] = {};
    const rk = roleKey(next.publicKey);
    keys[rk.keyid] = rk.key;
    for (const a of this.state.admins) keys[a.keyid] = roleKey(spkiOfHex(a.publicHex)).key;
    const onl = roleKey(spkiOfHex(this.state.online.publicHex));
    keys[onl.keyid] = onl.key;
    const version = this.state.versions.root + 1;
    const root = newRoot({
      version, expires: iso(new Date(now.getTime() + ROOT_DAYS * DAY)), rootKeys: keys, rootIds: [rk.keyid],
      targetsIds: this.state.admins.map((a) => a.keyid), targetsThreshold: this.state.targetsThreshold, onlineIds: [onl.keyid],
    });
    const signers = [signerFor(current.privateKey).sign];
    if (next !== current) signers.push(signerFor(next.privateKey).sign);
    await writeMetadata(this.deps.dropDir, 'root', signed(root, signers));
    this.state.versions.root = version;
    this.state.rootKeyid = rk.keyid;
    await writeState(this.deps, this.state);
  }

  /**
   * Makes package `version + 1` from the station's vault. Needs the recovery key (as the list bundle does) to open
   * the sealed fields that travel in it; the file is sealed for the lineage at once and never written in the clear.
   */
  async prepareRelease(o: { recoveryKey: string; exportDate: string; contentHash?: string; policyFile?: Buffer }): Promise<PendingRelease> {
    const { vault } = this.deps;
    const persons = await vault.exportPersons({ recoveryKey: o.recoveryKey });
    const version = this.state.packageVersion + 1;
    const list = personsToCsv(persons);
    const previous = await this.previousPersons();
    const interim = previous ? personsToCsv(interimList(persons, previous.persons)) : undefined;
    // The 前住所 / 前本籍 travel as the vault's tokens (issue 21, as in the list bundle): this list's, and for the
    // persons only the interim list still carries, the ones the previous package gave them.
    const former = new Map([...(previous?.former ?? []), ...vault.formerPlaceTokens(persons)]);
    const dir = await readDirectory(vault);
    // Without the export file's own hash (the screen), the list's identity is the hash of the list as it travels.
    const contentHash = o.contentHash ?? createHash('sha256').update(list).digest('hex');
    const identity: ListIdentity = { version, exportDate: o.exportDate, contentHash, persons: persons.length, createdAt: this.deps.clock().toISOString() };
    const content: PackageContent = {
      format: 'countershield-terminal-package/v1', identity, list: list.toString('base64'),
      ...(interim && { interim: interim.toString('base64') }),
      former: formerToEntries(former),
      staff: dir.staff, leadWraps: dir.leadWraps,
      ...(o.policyFile && { policy: o.policyFile.toString('base64') }),
      retired: [...this.state.retired].sort(), listAgeLimitDays: this.state.listAgeLimitDays,
    };
    list.fill(0);
    interim?.fill(0);
    const file = sealPackage(vault, content);
    const target = targetFileFor(packageName(version), file, { version, exportDate: o.exportDate });
    const targets = new Metadata(newTargets({
      version: this.state.versions.targets + 1, expires: iso(new Date(this.deps.clock().getTime() + TARGETS_DAYS * DAY)),
      targets: [target], online: { keyid: this.state.online.keyid, key: roleKey(spkiOfHex(this.state.online.publicHex)).key },
    }));
    return { version, file, targets, signedBy: [], contentHash };
  }

  /** One administrator signs the release with their own key, opened by their PIN-derived key. */
  signRelease(release: PendingRelease, admin: AdminPinKey): void {
    const w = this.state.admins.find((a) => a.adminId === admin.adminId);
    const key = w && unwrapAdminKey(w, admin.pinKek);
    if (!w || !key) throw fleetErrors.adminUnknown(admin.adminId);
    if (release.signedBy.includes(admin.adminId)) throw fleetErrors.twoPeopleRequired();
    release.targets.sign(signerFor(key).sign, true);
    release.signedBy.push(admin.adminId);
  }

  /** Publishes a release once the threshold is met: target, targets, snapshot, then timestamp last. */
  async publish(release: PendingRelease): Promise<void> {
    const need = this.state.targetsThreshold;
    const valid = this.state.admins.filter((a) => release.targets.signatures[a.keyid]).length;
    if (valid < need || release.version !== this.state.packageVersion + 1) throw fleetErrors.thresholdNotMet(valid, need);
    const target = Object.values(release.targets.signed.targets)[0]!;
    await writeTarget(this.deps.dropDir, target, release.file);
    await writeMetadata(this.deps.dropDir, 'targets', release.targets);
    this.state.versions.targets = release.targets.signed.version;
    this.state.packageVersion = release.version;
    this.state.packageTarget = target.toJSON() as Record<string, unknown>;
    await mkdir(this.deps.stateDir, { recursive: true });
    await writeFile(join(this.deps.stateDir, 'fleet-last-package.csp'), release.file);
    await this.publishSnapshot();
  }

  /** After verifying terminals' segments: the next heads.json names each terminal's last accepted head. */
  async acknowledge(heads: Record<string, AckedHead>): Promise<void> {
    for (const [t, h] of Object.entries(heads)) {
      if (this.state.retired.includes(t)) throw fleetErrors.retiredSender(t);
      this.state.heads[t] = h;
    }
    await this.publishAcks();
  }

  /** The station marks a PC retired (stolen, replaced); the next release tells every terminal. */
  async retire(terminal: string): Promise<void> {
    if (!this.state.retired.includes(terminal)) this.state.retired.push(terminal);
    delete this.state.heads[terminal];
    await writeState(this.deps, this.state);
  }

  /** Re-signs freshness without a new package (the station is alive, the list did not change). */
  async refreshTimestamp(): Promise<void> {
    await this.publishAcks();
  }

  private onlineSigner() {
    const der = aead.open(onlineSealKey(this.deps.vault), Buffer.from(this.state.online.sealed, 'base64'), 'cs/v1|fleet|online-key', 'fleet-online-key');
    const s = signerFor(privateKeyOf(der));
    der.fill(0);
    return s.sign;
  }

  private async publishAcks(): Promise<void> {
    const now = this.deps.clock();
    const heads: HeadsFile = { format: 'countershield-fleet-heads/v1', issuedAt: now.toISOString(), heads: this.state.heads };
    const bytes = Buffer.from(JSON.stringify(heads), 'utf8');
    const t = targetFileFor(HEADS_TARGET, bytes);
    await writeTarget(this.deps.dropDir, t, bytes);
    const version = this.state.versions.acks + 1;
    await writeMetadata(this.deps.dropDir, 'acks', signed(newAcks({ version, expires: this.freshUntil(now), heads: t }), [this.onlineSigner()]));
    this.state.versions.acks = version;
    this.state.headsTarget = t.toJSON() as Record<string, unknown>;
    await this.publishSnapshot();
  }

  /** The list-age limit of the policy is the timestamp's lifetime: a repository nobody refreshes is refused by the client itself. */
  private freshUntil(now: Date): string {
    return iso(new Date(now.getTime() + this.state.listAgeLimitDays * DAY));
  }

  private async publishSnapshot(): Promise<void> {
    // Before the first release there is nothing for a terminal to read: root and acks wait in the folder.
    if (this.state.versions.targets === 0) return writeState(this.deps, this.state);
    const now = this.deps.clock();
    const sign = this.onlineSigner();
    const snapVersion = this.state.versions.snapshot + 1;
    const snap = signed(newSnapshot({ version: snapVersion, expires: this.freshUntil(now), targetsVersion: this.state.versions.targets, acksVersion: this.state.versions.acks }), [sign]);
    await writeMetadata(this.deps.dropDir, 'snapshot', snap);
    const tsVersion = this.state.versions.timestamp + 1;
    await writeMetadata(this.deps.dropDir, 'timestamp', signed(newTimestamp({ version: tsVersion, expires: this.freshUntil(now), snapshot: metadataBytes(snap), snapshotVersion: snapVersion }), [sign]));
    this.state.versions.snapshot = snapVersion;
    this.state.versions.timestamp = tsVersion;
    await writeState(this.deps, this.state);
  }

  private async previousPersons(): Promise<{ persons: ProtectedPerson[]; former: Map<string, FormerPlaceTokens> } | undefined> {
    if (this.state.packageVersion === 0) return undefined;
    const file = await readFile(join(this.deps.stateDir, 'fleet-last-package.csp')).catch(() => undefined);
    if (!file) return undefined;
    const c = openPackage(this.deps.vault, file, this.state.packageVersion);
    const csv = Buffer.from(c.list, 'base64');
    const parsed = parseProtectedList(csv);
    csv.fill(0);
    return parsed.ok ? { persons: [...parsed.persons], former: formerFromEntries(c.former ?? []) ?? new Map() } : undefined;
  }
}

/**
 * What a terminal on the previous release can apply with nobody's protection ending: the new list, plus each
 * person the previous release protected and this one does not, plus the longer of two periods.
 */
export function interimList(next: readonly ProtectedPerson[], previous: readonly ProtectedPerson[]): ProtectedPerson[] {
  const byId = new Map(next.map((p) => [p.id, p]));
  for (const old of previous) {
    const cur = byId.get(old.id);
    if (!cur || cur.endDate < old.endDate) byId.set(old.id, old);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function spkiOfHex(hex: string): Buffer {
  return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' }).export({ format: 'der', type: 'spki' });
}

const onlineSealKey = (vault: Vault) => vault.serviceKey('fleet-station-keys');
const stateMacKey = (vault: Vault) => vault.serviceKey('fleet-station-state');

async function writeState(deps: StationDeps, state: StationState): Promise<void> {
  await mkdir(deps.stateDir, { recursive: true });
  const body = JSON.stringify(state);
  const mac = createHmac('sha256', stateMacKey(deps.vault)).update(body).digest('hex');
  const file = join(deps.stateDir, STATION_FILE);
  await writeFile(`${file}.tmp`, JSON.stringify({ body, mac }), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

async function readState(deps: StationDeps): Promise<StationState> {
  const text = await readFile(join(deps.stateDir, STATION_FILE), 'utf8').catch(() => undefined);
  if (!text) throw fleetErrors.stationState('missing');
  let j: { body: string; mac: string };
  try {
    j = JSON.parse(text) as { body: string; mac: string };
  } catch {
    throw fleetErrors.stationState('json');
  }
  const want = createHmac('sha256', stateMacKey(deps.vault)).update(String(j.body)).digest();
  const got = Buffer.from(String(j.mac), 'hex');
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw fleetErrors.stationState('mac');
  const s = JSON.parse(j.body) as StationState;
  if (s.format !== FORMAT) throw fleetErrors.stationState('format');
  return s;
}
