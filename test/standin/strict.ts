/**
 * The strictness of the stand-in Electron: every object it hands out answers only for the members it
 * implements; anything else throws, and is recorded, so a test sees the app reach for an API the stand-in does
 * not know even when the app catches the error.
 */
export interface Violation {
  kind: 'unknown-member' | 'before-ready' | 'after-ready' | 'unknown-event' | 'refused-require';
  what: string;
}

export const violations: Violation[] = [];

export function violate(kind: Violation['kind'], what: string): never {
  violations.push({ kind, what });
  throw new Error(`stand-in electron: ${kind}: ${what}`);
}

/**
 * Names that JavaScript itself probes on any object (awaiting it, JSON, console); answering undefined for them is
 * what a plain object would do, and says nothing about Electron.
 */
const LANGUAGE_PROBES = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType', '$$typeof']);

export function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'symbol' || key in t) return Reflect.get(t, key, receiver);
      if (LANGUAGE_PROBES.has(key)) return undefined;
      return violate('unknown-member', `${name}.${key}`);
    },
    set(t, key, value, receiver) {
      if (typeof key === 'symbol' || key in t) return Reflect.set(t, key, value, receiver);
      return violate('unknown-member', `${name}.${String(key)} = …`);
    },
  });
}

/** An EventEmitter that refuses event names the Electron docs do not list for that object. */
export class StrictEmitter {
  private readonly listeners = new Map<string, Array<{ fn: (...a: unknown[]) => unknown; once: boolean }>>();
  constructor(private readonly emitterName: string, private readonly events: readonly string[]) {}

  private check(event: string): void {
    if (!this.events.includes(event)) violate('unknown-event', `${this.emitterName} '${event}'`);
  }
  on(event: string, fn: (...a: never[]) => unknown): this {
    this.check(event);
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn: fn as (...a: unknown[]) => unknown, once: false }]);
    return this;
  }
  once(event: string, fn: (...a: never[]) => unknown): this {
    this.check(event);
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn: fn as (...a: unknown[]) => unknown, once: true }]);
    return this;
  }
  removeListener(event: string, fn: (...a: never[]) => unknown): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l.fn !== fn));
    return this;
  }
  off(event: string, fn: (...a: never[]) => unknown): this {
    return this.removeListener(event, fn);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  /** Test side: emits and returns the listeners' results (a listener's promise is the app's async work). */
  emit(event: string, ...args: unknown[]): unknown[] {
    this.check(event);
    const ls = this.listeners.get(event) ?? [];
    this.listeners.set(event, ls.filter((l) => !l.once));
    return ls.map((l) => l.fn(...args));
  }
}

/** An Electron event object: `preventDefault()` and whatever the event carries. */
export function electronEvent<T extends object>(extra: T = {} as T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const e = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}
