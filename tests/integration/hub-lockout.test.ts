// Failed logins lock an account, as Apache CouchDB 3.4+ does with `[chttpd_auth_lockout]`
// (default mode enforce, threshold 5, 5 minutes, counted per peer address, user and password
// salt): after 5 failed authentications — Basic or `POST /_session` — the user is answered 403
// `Account is temporarily locked due to multiple authentication failures`, even with the right
// password. The hub imitates it, so a kiosk meets the same answer at home as at the regency.
// Runs against the hub (with a short lock, to see it end) or COUCHDB_URL (throwaway users only:
// CouchDB's lock lasts its configured 5 minutes, so its end is not waited for there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COUCHDB_ANSWERS,
  couchCall,
  couchServerKind,
  createThrowawayUser,
  sessionName,
  setUserPassword,
  startCouchServer,
  untilLogin,
  type CouchServer,
  type Login,
} from '../support/couch-server';

/** The hub's lock in this suite; long enough for the checks made while it holds. */
const HUB_LOCK_MS = 4_000;
const hubOnly = it.skipIf(couchServerKind === 'couchdb');
if (couchServerKind === 'couchdb') {
  console.info(
    "hub-lockout: COUCHDB_URL is set; the lock's end is not waited for (CouchDB's lasts " +
      'its configured lockout_expiry, 5 minutes by default).',
  );
}

let server: CouchServer;

beforeAll(async () => {
  server = await startCouchServer({
    hub: { authLockout: { threshold: COUCHDB_ANSWERS.lockoutThreshold, expiryMs: HUB_LOCK_MS } },
  });
});
afterAll(async () => server?.stop());

const wrong = (login: Login): Login => ({ ...login, password: `${login.password}-wrong` });

function postSession(login: Login) {
  return couchCall<{ error?: string; reason?: string }>(server, null, 'POST', '_session', {
    name: login.username,
    password: login.password,
  });
}

function basicSession(login: Login) {
  return couchCall<{ error?: string; reason?: string }>(server, login, 'GET', '_session');
}

function expectLocked(answer: { status: number; body: { error?: string; reason?: string } }) {
  expect(answer.status).toBe(403);
  expect(answer.body).toEqual({ error: 'forbidden', reason: COUCHDB_ANSWERS.lockoutReason });
}

describe('failed logins lock the account', () => {
  it('locks after 5 failed Basic logins, for the right password too, and no one else', async () => {
    const user = await createThrowawayUser(server, 'lock-basic');
    const bystander = await createThrowawayUser(server, 'lock-bystander');
    for (let i = 0; i < COUCHDB_ANSWERS.lockoutThreshold; i++) {
      expect((await basicSession(wrong(user))).status).toBe(401);
    }
    expectLocked(await basicSession(user));
    expectLocked(await postSession(user));
    expectLocked(await couchCall(server, user, 'GET', ''));
    // Another account from the same address is not touched.
    expect(await sessionName(server, bystander)).toBe(bystander.username);
  });

  it('counts failed POST /_session logins the same way', async () => {
    const user = await createThrowawayUser(server, 'lock-session');
    for (let i = 0; i < COUCHDB_ANSWERS.lockoutThreshold; i++) {
      const answer = await postSession(wrong(user));
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe('unauthorized');
    }
    expectLocked(await basicSession(user));
  });

  it('does not lock below the threshold', async () => {
    const user = await createThrowawayUser(server, 'lock-below');
    for (let i = 0; i < COUCHDB_ANSWERS.lockoutThreshold - 1; i++) {
      expect((await postSession(wrong(user))).status).toBe(401);
    }
    expect(await sessionName(server, user)).toBe(user.username);
    expect((await postSession(user)).status).toBe(200);
  });

  it('a new password set by an admin starts a new count', async () => {
    // CouchDB keys the count on the password's salt, so rotating a kiosk's password unlocks it.
    const user = await createThrowawayUser(server, 'lock-rotate');
    for (let i = 0; i < COUCHDB_ANSWERS.lockoutThreshold; i++) await basicSession(wrong(user));
    expectLocked(await basicSession(user));
    const rotated = { ...user, password: `${user.password}-new` };
    await setUserPassword(server, rotated);
    await untilLogin(server, rotated);
  });

  hubOnly('the lock ends when its time is up', async () => {
    const user = await createThrowawayUser(server, 'lock-expiry');
    for (let i = 0; i < COUCHDB_ANSWERS.lockoutThreshold; i++) await basicSession(wrong(user));
    const lockedAt = Date.now();
    expectLocked(await basicSession(user));
    await new Promise((done) => setTimeout(done, HUB_LOCK_MS - (Date.now() - lockedAt) + 200));
    expect(await sessionName(server, user)).toBe(user.username);
  });
});
