// Who is signed in, as the host knows it. The renderer never says who it is: each bridge call
// arrives with the session slot of its shell — the Electron window it came from, or the browser
// kiosk's HttpOnly cookie — and the host looks the staff member up itself.
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'balai_staff';

/** One caller's place in the sessions: who is signed in there, and signing in or out. */
export interface SessionSlot {
  staffId(): string | null;
  /** Milliseconds since the session was last used (see `touch`). */
  idleMs(): number;
  touch(): void;
  signIn(staffId: string): void;
  signOut(): void;
}

interface Held {
  staffId: string;
  lastSeen: number;
}

/** For calls that come with no session at all (and tests of refusals). */
export const NO_SESSION: SessionSlot = {
  staffId: () => null,
  idleMs: () => 0,
  touch: () => undefined,
  signIn: () => {
    throw new Error('This caller cannot hold a session.');
  },
  signOut: () => undefined,
};

/** Electron: one session per window (web contents id); it ends when the window reloads or dies. */
export class WindowSessions {
  private readonly byWindow = new Map<number, Held>();

  constructor(private readonly now: () => number = Date.now) {}

  slot(windowId: number): SessionSlot {
    return {
      staffId: () => this.byWindow.get(windowId)?.staffId ?? null,
      idleMs: () => this.now() - (this.byWindow.get(windowId)?.lastSeen ?? this.now()),
      touch: () => {
        const held = this.byWindow.get(windowId);
        if (held) held.lastSeen = this.now();
      },
      signIn: (staffId) => void this.byWindow.set(windowId, { staffId, lastSeen: this.now() }),
      signOut: () => void this.byWindow.delete(windowId),
    };
  }

  end(windowId: number): void {
    this.byWindow.delete(windowId);
  }
}

/**
 * The browser kiosk: a random token in an HttpOnly, SameSite=Strict cookie, bound to this server
 * (a restart forgets every token, so staff sign in again). Signing in always issues a new token,
 * so a token planted before sign-in is worth nothing after it.
 */
export class CookieSessions {
  private readonly byToken = new Map<string, Held>();

  constructor(
    private readonly now: () => number = Date.now,
    /** The anjungan's resident sessions use a cookie of their own, sent only under its path. */
    private readonly cookie: { name: string; path: string } = { name: SESSION_COOKIE, path: '/' },
  ) {}

  /** The slot for a request's Cookie header, and the Set-Cookie its answer must carry, if any. */
  slot(cookieHeader: string | undefined): { slot: SessionSlot; setCookie(): string | null } {
    let token = cookieValue(cookieHeader, this.cookie.name);
    let changed = false;
    const slot: SessionSlot = {
      staffId: () => (token ? (this.byToken.get(token)?.staffId ?? null) : null),
      idleMs: () => {
        const held = token ? this.byToken.get(token) : undefined;
        return held ? this.now() - held.lastSeen : 0;
      },
      touch: () => {
        const held = token ? this.byToken.get(token) : undefined;
        if (held) held.lastSeen = this.now();
      },
      signIn: (staffId) => {
        if (token) this.byToken.delete(token);
        token = randomBytes(32).toString('base64url');
        this.byToken.set(token, { staffId, lastSeen: this.now() });
        changed = true;
      },
      signOut: () => {
        if (token) this.byToken.delete(token);
        token = null;
        changed = true;
      },
    };
    return {
      slot,
      setCookie: () => {
        if (!changed) return null;
        const attributes = `Path=${this.cookie.path}; HttpOnly; SameSite=Strict`;
        return token
          ? `${this.cookie.name}=${token}; ${attributes}`
          : `${this.cookie.name}=; ${attributes}; Max-Age=0`;
      },
    };
  }
}

/** The value of the cookie `name` in a Cookie header, or null when it is absent or empty. */
export function cookieValue(cookieHeader: string | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
