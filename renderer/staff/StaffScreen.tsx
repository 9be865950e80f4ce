// The administrator's staff list: add staff with a role and a first PIN, reset a forgotten PIN,
// disable someone who left, and set the auto-lock. The host checks the administrator's own
// session for each of these; this screen only offers them.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { StaffPublic } from '../../shared/staff/accounts';
import { STAFF_ROLES, STAFF_ROLE_LABELS, type StaffRole } from '../../shared/staff/roles';
import { getBridge } from '../bridge';
import { useSignIn } from './store';

export function StaffScreen() {
  const [staff, setStaff] = useState<StaffPublic[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('operator');
  const [secret, setSecret] = useState('');
  const [resetting, setResetting] = useState<string | null>(null);
  const [newSecret, setNewSecret] = useState('');
  const { status, setStatus } = useSignIn();
  const [minutes, setMinutes] = useState(String(status?.autoLockMinutes ?? 5));

  const reload = useCallback(async () => setStaff(await getBridge().staffList()), []);
  useEffect(() => {
    getBridge()
      .staffList()
      .then(setStaff, (err: unknown) => setMessage({ text: (err as Error).message, error: true }));
  }, []);

  async function run(work: () => Promise<unknown>, done: string) {
    setMessage(null);
    try {
      await work();
      await reload();
      setMessage({ text: done, error: false });
      return true;
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
      return false;
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    const ok = await run(
      () => getBridge().staffAdd({ name, role, secret }),
      `Petugas ${name.trim()} ditambahkan.`,
    );
    if (ok) {
      setName('');
      setSecret('');
    }
  }

  async function reset(e: FormEvent, s: StaffPublic) {
    e.preventDefault();
    const ok = await run(
      () => getBridge().staffResetSecret({ staffId: s.id, secret: newSecret }),
      `PIN ${s.name} diganti.`,
    );
    if (ok) {
      setResetting(null);
      setNewSecret('');
    }
  }

  async function saveAutoLock(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      setStatus(await getBridge().setAutoLock({ minutes: Number(minutes) }));
    }, `Kiosk terkunci otomatis setelah ${minutes} menit tanpa kegiatan.`);
  }

  return (
    <section className="staff-admin">
      <table data-testid="staff-list">
        <thead>
          <tr>
            <th>Nama</th>
            <th>Peran</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{STAFF_ROLE_LABELS[s.role]}</td>
              <td>{s.disabled ? 'Nonaktif' : 'Aktif'}</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    void run(
                      () => getBridge().staffSetDisabled({ staffId: s.id, disabled: !s.disabled }),
                      `${s.name} ${s.disabled ? 'diaktifkan' : 'dinonaktifkan'}.`,
                    )
                  }
                >
                  {s.disabled ? 'Aktifkan' : 'Nonaktifkan'}
                </button>
                {resetting === s.id ? (
                  <form aria-label={`PIN baru ${s.name}`} onSubmit={(e) => void reset(e, s)}>
                    <label htmlFor={`reset-${s.id}`}>PIN baru</label>
                    <input
                      id={`reset-${s.id}`}
                      type="password"
                      autoComplete="new-password"
                      autoFocus
                      value={newSecret}
                      onChange={(e) => setNewSecret(e.target.value)}
                    />
                    <button type="submit">Simpan PIN</button>
                  </form>
                ) : (
                  <button type="button" onClick={() => setResetting(s.id)}>
                    Ganti PIN
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form aria-label="Petugas baru" onSubmit={(e) => void add(e)}>
        <h3>Petugas baru</h3>
        <label htmlFor="staff-name">Nama</label>
        <input id="staff-name" value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="staff-role">Peran</label>
        <select id="staff-role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {STAFF_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <label htmlFor="staff-secret">PIN awal (minimal 6 angka) atau kata sandi</label>
        <input
          id="staff-secret"
          type="password"
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
        <button type="submit">Tambah petugas</button>
      </form>

      <form aria-label="Kunci otomatis" onSubmit={(e) => void saveAutoLock(e)}>
        <label htmlFor="auto-lock">Kunci otomatis setelah (menit tanpa kegiatan)</label>
        <input
          id="auto-lock"
          type="number"
          min={1}
          max={120}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <button type="submit">Simpan</button>
      </form>

      {message && (
        <p
          className={message.error ? 'field-error' : 'notice'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
