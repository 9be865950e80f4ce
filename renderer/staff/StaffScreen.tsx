// The administrator's staff list: add staff with a role and a first PIN, reset a forgotten PIN,
// disable someone who left, and set the auto-lock. The host checks the administrator's own
// session for each of these; this screen only offers them. Each field is checked here first, so a
// mistake is shown under its own field in Bahasa, never as the host's field names.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  autoLockMinutesSchema,
  staffNameSchema,
  staffSecretSchema,
  type StaffPublic,
} from '../../shared/staff/accounts';
import { STAFF_ROLES, STAFF_ROLE_LABELS, type StaffRole } from '../../shared/staff/roles';
import { getBridge } from '../bridge';
import { Button, Card, Field, Message, Table } from '../ui';
import { useSignIn } from './store';

/** The schema's own Bahasa message when `value` is refused, else undefined. */
function problem(
  schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } },
  value: unknown,
) {
  return schema.safeParse(value).error?.issues[0]?.message;
}

export function StaffScreen() {
  const [staff, setStaff] = useState<StaffPublic[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('operator');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<{ name?: string; secret?: string }>({});
  const [resetting, setResetting] = useState<string | null>(null);
  const [newSecret, setNewSecret] = useState('');
  const [resetError, setResetError] = useState<string | undefined>();
  const { status, setStatus } = useSignIn();
  const [minutes, setMinutes] = useState(String(status?.autoLockMinutes ?? 5));
  const [minutesError, setMinutesError] = useState<string | undefined>();

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
    const found = {
      name: problem(staffNameSchema, name),
      secret: problem(staffSecretSchema, secret),
    };
    setErrors(found);
    if (found.name || found.secret) return;
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
    const refused = problem(staffSecretSchema, newSecret);
    setResetError(refused);
    if (refused) return;
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
    const refused = problem(autoLockMinutesSchema, Number(minutes));
    setMinutesError(refused);
    if (refused) return;
    await run(async () => {
      setStatus(await getBridge().setAutoLock({ minutes: Number(minutes) }));
    }, `Kios terkunci otomatis setelah ${minutes} menit tanpa kegiatan.`);
  }

  // A new office has only its first administrator: nobody can serve a resident yet.
  const firstRun = staff !== null && staff.length <= 1;
  return (
    <div className="staff-admin">
      {firstRun && (
        <Message tone="warning" testId="first-steps">
          <strong>Langkah pertama:</strong> tambahkan petugas kantor desa — operator, bendahara,
          sekretaris desa, kepala desa. Masing-masing masuk dengan nama dan PIN sendiri; baru
          sesudah itu permohonan warga dan keuangan dapat dikerjakan.
        </Message>
      )}
      {message && <Message tone={message.error ? 'error' : 'success'}>{message.text}</Message>}
      <div className="staff-admin-columns">
        <Card title="Daftar petugas">
          <Table
            testId="staff-list"
            head={
              <>
                <th>Nama</th>
                <th>Peran</th>
                <th>Status</th>
                <th>Tindakan</th>
              </>
            }
          >
            {(staff ?? []).map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{STAFF_ROLE_LABELS[s.role]}</td>
                <td>{s.disabled ? 'Nonaktif' : 'Aktif'}</td>
                <td>
                  {resetting === s.id ? (
                    <form
                      className="staff-reset"
                      aria-label={`PIN baru ${s.name}`}
                      onSubmit={(e) => void reset(e, s)}
                    >
                      <Field id={`reset-${s.id}`} label="PIN baru" error={resetError}>
                        {(control) => (
                          <input
                            {...control}
                            type="password"
                            autoComplete="new-password"
                            autoFocus
                            value={newSecret}
                            onChange={(e) => setNewSecret(e.target.value)}
                          />
                        )}
                      </Field>
                      <div className="ui-actions">
                        <Button small variant="primary" type="submit">
                          Simpan PIN
                        </Button>
                        <Button small variant="quiet" onClick={() => setResetting(null)}>
                          Batal
                        </Button>
                      </div>
                    </form>
                  ) : (
                    <div className="ui-row">
                      <Button
                        small
                        variant={s.disabled ? 'secondary' : 'danger'}
                        onClick={() =>
                          void run(
                            () =>
                              getBridge().staffSetDisabled({
                                staffId: s.id,
                                disabled: !s.disabled,
                              }),
                            `${s.name} ${s.disabled ? 'diaktifkan' : 'dinonaktifkan'}.`,
                          )
                        }
                      >
                        {s.disabled ? 'Aktifkan' : 'Nonaktifkan'}
                      </Button>
                      <Button
                        small
                        onClick={() => {
                          setResetting(s.id);
                          setResetError(undefined);
                          setNewSecret('');
                        }}
                      >
                        Ganti PIN
                      </Button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        </Card>

        <div className="ui-stack">
          <Card title="Petugas baru">
            <form
              className="ui-form"
              aria-label="Petugas baru"
              onSubmit={(e) => void add(e)}
              noValidate
            >
              <Field id="staff-name" label="Nama" error={errors.name}>
                {(control) => (
                  <input
                    {...control}
                    autoFocus={firstRun}
                    value={name}
                    onChange={(e) => setName(e.target.value)}
                  />
                )}
              </Field>
              <Field id="staff-role" label="Peran">
                {(control) => (
                  <select
                    {...control}
                    value={role}
                    onChange={(e) => setRole(e.target.value as StaffRole)}
                  >
                    {STAFF_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {STAFF_ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id="staff-secret"
                label="PIN awal (minimal 6 angka) atau kata sandi"
                hint="Sampaikan kepada petugas itu sendiri; ia dapat memintanya diganti kapan saja."
                error={errors.secret}
              >
                {(control) => (
                  <input
                    {...control}
                    type="password"
                    autoComplete="new-password"
                    value={secret}
                    onChange={(e) => setSecret(e.target.value)}
                  />
                )}
              </Field>
              <div className="ui-actions">
                <Button variant="primary" type="submit">
                  Tambah petugas
                </Button>
              </div>
            </form>
          </Card>

          <Card title="Kunci otomatis">
            <form
              className="ui-form"
              aria-label="Kunci otomatis"
              onSubmit={(e) => void saveAutoLock(e)}
              noValidate
            >
              <Field
                id="auto-lock"
                label="Kunci otomatis setelah (menit tanpa kegiatan)"
                error={minutesError}
              >
                {(control) => (
                  <input
                    {...control}
                    type="number"
                    min={1}
                    max={120}
                    value={minutes}
                    onChange={(e) => setMinutes(e.target.value)}
                  />
                )}
              </Field>
              <div className="ui-actions">
                <Button type="submit">Simpan</Button>
              </div>
            </form>
          </Card>
        </div>
      </div>
    </div>
  );
}
