import { describe, expect, it } from 'vitest';
import { ACTIONS, PermissionError, assertMay, may, refusal, rolesFor } from './permissions';
import { STAFF_ROLES, deskRoleOf } from './roles';
import { STEP_ACTIONS } from './step-actions';

describe('the permissions table', () => {
  it('gives every action to at least one role, and nothing to nobody', () => {
    for (const action of ACTIONS) {
      expect(rolesFor(action).length, action).toBeGreaterThan(0);
      expect(may(null, action)).toBe(false);
      expect(may(undefined, action)).toBe(false);
    }
  });

  it('keeps the rules the office relies on', () => {
    expect(STAFF_ROLES.filter((r) => may(r, 'request.approve'))).toEqual([
      'sekretaris',
      'kepala-desa',
    ]);
    expect(STAFF_ROLES.filter((r) => may(r, 'letter.sign'))).toEqual(['sekretaris', 'kepala-desa']);
    expect(STAFF_ROLES.filter((r) => may(r, 'ledger.post'))).toEqual(['bendahara']);
    expect(STAFF_ROLES.filter((r) => may(r, 'budget.adopt'))).toEqual(['kepala-desa']);
    expect(STAFF_ROLES.filter((r) => may(r, 'staff.manage'))).toEqual(['administrator']);
    expect(may('administrator', 'resident.view')).toBe(false);
  });

  it('refuses with a reason in Bahasa Indonesia naming who may', () => {
    expect(refusal('kepala-desa', 'budget.adopt')).toBeNull();
    expect(refusal('operator', 'ledger.post')).toBe(
      'Operator layanan tidak boleh mencatat entri buku kas. Hanya Bendahara Desa yang dapat melakukannya.',
    );
    expect(refusal(null, 'letter.sign')).toMatch(/^Petugas yang belum masuk tidak boleh/);
    expect(() => assertMay('bendahara', 'request.approve')).toThrow(PermissionError);
    expect(() => assertMay('sekretaris', 'request.approve')).not.toThrow();
  });

  it('lets request steps only to desk roles, which a request event can record', () => {
    for (const action of Object.values(STEP_ACTIONS)) {
      for (const role of rolesFor(action))
        expect(deskRoleOf(role), `${action} ${role}`).not.toBeNull();
    }
  });
});
