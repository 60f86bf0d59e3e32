/**
 * A chosen file held in main for the next step (issue 21): the renderer gets a token, never the bytes. Single
 * use, a few minutes at most and two files at a time — a department's batch must not linger in memory.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../ports';

const TTL_MS = 10 * 60_000;
const MAX_HELD = 2;

export class HeldFiles {
  private readonly held = new Map<string, { name: string; bytes: Uint8Array; at: number }>();

  constructor(private readonly clock: Clock) {}

  hold(name: string, bytes: Uint8Array): { token: string; name: string; size: number } {
    this.sweep();
    while (this.held.size >= MAX_HELD) this.held.delete(this.held.keys().next().value!);
    const token = randomBytes(12).toString('hex');
    this.held.set(token, { name, bytes, at: this.clock().getTime() });
    return { token, name, size: bytes.length };
  }

  /** The bytes, once; null when the token is unknown, used or expired. */
  take(token: string): { name: string; bytes: Uint8Array } | null {
    this.sweep();
    const f = this.held.get(token);
    this.held.delete(token);
    return f ? { name: f.name, bytes: f.bytes } : null;
  }

  clear(): void {
    this.held.clear();
  }

  private sweep(): void {
    const now = this.clock().getTime();
    for (const [k, f] of this.held) if (now - f.at > TTL_MS) this.held.delete(k);
  }
}
