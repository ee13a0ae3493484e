// An in-process session store with a lifetime for every session and a cap on
// sessions that have no logged-in user, so a flood of login starts (each one
// saves a session holding the OAuth state) cannot grow memory without bound.
// express-session's own MemoryStore keeps every session until it is read again.
import session from 'express-session';

/** Limits of a {@link BoundedMemoryStore}. */
export interface BoundedMemoryStoreOptions {
  /** At most this many sessions without a user; the oldest goes first. Default 1000. */
  maxAnonymous?: number;
  /** At most this many sessions with a user; the oldest goes first. Default 10000. */
  maxUsers?: number;
  /** Lifetime of a session whose cookie has no expiry, in ms. Default 10 minutes. */
  defaultTTL?: number;
  /** How often expired sessions are removed, in ms. Default 1 minute. */
  pruneEvery?: number;
}

interface Entry {
  json: string;
  expires: number;
}

/** Whether a session holds a logged-in user (passport keeps it under `passport.user`). */
function hasUser(data: session.SessionData): boolean {
  const passport = (data as { passport?: { user?: unknown } }).passport;
  return passport?.user !== undefined;
}

/** A MemoryStore replacement: sessions expire with their cookie, and sessions without a user are capped. */
export class BoundedMemoryStore extends session.Store {
  readonly #anonymous = new Map<string, Entry>();
  readonly #users = new Map<string, Entry>();
  readonly #maxAnonymous: number;
  readonly #maxUsers: number;
  readonly #defaultTTL: number;
  readonly #timer: NodeJS.Timeout;

  constructor(options: BoundedMemoryStoreOptions = {}) {
    super();
    this.#maxAnonymous = options.maxAnonymous ?? 1000;
    this.#maxUsers = options.maxUsers ?? 10_000;
    this.#defaultTTL = options.defaultTTL ?? 10 * 60_000;
    this.#timer = setInterval(() => this.prune(), options.pruneEvery ?? 60_000);
    this.#timer.unref();
  }

  /** Removes every expired session. */
  prune(now = Date.now()): void {
    for (const map of [this.#anonymous, this.#users]) {
      for (const [sid, entry] of map) if (entry.expires <= now) map.delete(sid);
    }
  }

  /** How many sessions are kept, expired ones not counted. */
  size(): number {
    this.prune();
    return this.#anonymous.size + this.#users.size;
  }

  /** Stops the pruning timer and forgets every session. */
  close(): void {
    clearInterval(this.#timer);
    this.#anonymous.clear();
    this.#users.clear();
  }

  #expiry(data: session.SessionData): number {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires).getTime() : Date.now() + this.#defaultTTL;
  }

  #find(sid: string): Entry | undefined {
    const entry = this.#anonymous.get(sid) ?? this.#users.get(sid);
    if (entry && entry.expires <= Date.now()) {
      this.#drop(sid);
      return undefined;
    }
    return entry;
  }

  #drop(sid: string): void {
    this.#anonymous.delete(sid);
    this.#users.delete(sid);
  }

  override get(sid: string, callback: (err: unknown, data?: session.SessionData | null) => void): void {
    const entry = this.#find(sid);
    callback(null, entry ? (JSON.parse(entry.json) as session.SessionData) : null);
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.#drop(sid);
    const [map, max] = hasUser(data) ? [this.#users, this.#maxUsers] : [this.#anonymous, this.#maxAnonymous];
    // A Map keeps insertion order: re-inserting makes this the newest entry.
    map.set(sid, { json: JSON.stringify(data), expires: this.#expiry(data) });
    if (map.size > max) {
      this.prune();
      for (const oldest of map.keys()) {
        if (map.size <= max) break;
        map.delete(oldest);
      }
    }
    callback?.();
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const entry = this.#find(sid);
    if (entry) entry.expires = this.#expiry(data);
    callback?.();
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.#drop(sid);
    callback?.();
  }

  /** Every live session, by session ID (what {@link endSessionsOf} in unlink.ts walks). */
  override all(callback: (err: unknown, sessions?: { [sid: string]: session.SessionData } | null) => void): void {
    this.prune();
    const sessions: { [sid: string]: session.SessionData } = {};
    for (const map of [this.#anonymous, this.#users]) for (const [sid, entry] of map) sessions[sid] = JSON.parse(entry.json) as session.SessionData;
    callback(null, sessions);
  }

  override length(callback: (err: unknown, length?: number) => void): void {
    callback(null, this.size());
  }

  override clear(callback?: (err?: unknown) => void): void {
    this.#anonymous.clear();
    this.#users.clear();
    callback?.();
  }
}
