// The first run, as a new office meets it: which village and kiosk this is, the first
// administrator, and how the kiosk reaches the regency. The host saves all of it at once, or
// nothing (electron/host/staff-handlers.ts); the administrator is signed in at the end.
import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { staffSetupRequestSchema } from '../../shared/ipc';
import type { SetupStatus } from '../../shared/staff/accounts';
import { formatVillageCode, type VillageCode } from '../../shared/village';
import { getBridge } from '../bridge';
import { Button, Field, Message, PageHeader } from '../ui';
import { useSignIn } from './store';
import { ConnectionCodeField } from './ConnectionCodeField';
import type { KioskConnectionCode } from '../../shared/connection-code';
import { OfficeSetupFields } from '../office/OfficeSetupFields';

type Fields = Record<
  | 'villageCode'
  | 'kioskId'
  | 'villageName'
  | 'adminName'
  | 'secret'
  | 'secretAgain'
  | 'url'
  | 'username'
  | 'password'
  | 'letterKey',
  string
>;

/** Where the contract's field paths show their messages. */
const FIELD_OF_PATH: Record<string, keyof Fields> = {
  villageCode: 'villageCode',
  kioskId: 'kioskId',
  villageName: 'villageName',
  'admin.name': 'adminName',
  'admin.secret': 'secret',
  'regency.url': 'url',
  'regency.username': 'username',
  'regency.password': 'password',
  'regency.letterKey.keyId': 'letterKey',
  'regency.letterKey.privateKey': 'letterKey',
};

/**
 * The letter key as provisioning prints it (`<key id>:<key>`, the form of BALAI_LETTER_KEY). It
 * passes through this form once, on its way to the host, which keeps it sealed and never gives it
 * back (decision 0007).
 */
function letterKeyOf(text: string): { keyId: string; privateKey: string } | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const at = value.indexOf(':');
  return { keyId: at < 0 ? '' : value.slice(0, at), privateKey: value.slice(at + 1) };
}

export function SetupWizard() {
  const { status, signedIn } = useSignIn();
  const fixed = status?.fixed ?? { kiosk: false, regency: false };
  const [f, setF] = useState<Fields>({
    villageCode: status?.villageCode ?? '',
    kioskId: status?.kioskId ?? '',
    villageName: status?.villageName ?? '',
    adminName: '',
    secret: '',
    secretAgain: '',
    url: '',
    username: '',
    password: '',
    letterKey: '',
  });
  const [errors, setErrors] = useState<Partial<Fields>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** A field of the wizard: its label, its control, and the message of its own error below. */
  const field = (
    name: keyof Fields,
    label: string,
    input: InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <Field id={`setup-${name}`} label={label} error={errors[name]}>
      {(control) => (
        <input
          {...control}
          {...input}
          value={f[name]}
          onChange={(e) => setF({ ...f, [name]: e.target.value })}
        />
      )}
    </Field>
  );

  /** The regency's sheet fills the place and the connection; a place the installer fixed stays. */
  function fromSheet(c: KioskConnectionCode): string | null {
    if (fixed.kiosk && (c.villageCode !== f.villageCode || c.kioskId !== f.kioskId)) {
      return `Lembar ini untuk desa ${formatVillageCode(c.villageCode)} kios ${c.kioskId}, sedangkan kios ini ditetapkan untuk desa ${formatVillageCode(f.villageCode as VillageCode)} kios ${f.kioskId}.`;
    }
    setF((prev) => ({
      ...prev,
      villageCode: c.villageCode,
      kioskId: c.kioskId,
      url: c.url,
      username: c.username,
      password: c.password,
      letterKey: `${c.letterKey.keyId}:${c.letterKey.privateKey}`,
    }));
    return null;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const regencyGiven = !fixed.regency && (f.url || f.username || f.password || f.letterKey);
    const request = {
      villageCode: f.villageCode.trim(),
      kioskId: f.kioskId.trim(),
      villageName: f.villageName,
      admin: { name: f.adminName, secret: f.secret },
      regency: regencyGiven
        ? {
            url: f.url.trim(),
            username: f.username.trim(),
            password: f.password,
            letterKey: letterKeyOf(f.letterKey),
          }
        : null,
    };
    const found: Partial<Fields> = {};
    const parsed = staffSetupRequestSchema.safeParse(request);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = FIELD_OF_PATH[issue.path.join('.')];
        if (name) found[name] ??= issue.message;
      }
    }
    if (f.secret !== f.secretAgain) found.secretAgain = 'PIN yang diulang tidak sama.';
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    setBusy(true);
    try {
      const admin = await getBridge().setup(parsed.data);
      await useSignIn.getState().refresh();
      signedIn(admin);
    } catch (err) {
      setFailure((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="setup">
      <PageHeader
        title="Menyiapkan kios Balai"
        lead="Sekali saja, saat kios pertama kali dipakai. Sesudahnya administrator menambahkan petugas."
      />
      <form
        className="ui-stack"
        aria-label="Penyiapan kios"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <fieldset className="ui-fieldset">
          <legend>1. Desa dan kios</legend>
          <div className="ui-form-grid">
            {field('villageCode', 'Kode desa (Kemendagri, 10 angka)', {
              readOnly: fixed.kiosk,
              inputMode: 'numeric',
            })}
            {field('kioskId', 'ID kios', { readOnly: fixed.kiosk })}
            {field('villageName', 'Nama desa')}
          </div>
          {fixed.kiosk && (
            <Message>Kode desa dan ID kios sudah ditetapkan oleh pemasang kios.</Message>
          )}
        </fieldset>
        <OfficeSetupFields />
        <fieldset className="ui-fieldset">
          <legend>2. Administrator pertama</legend>
          <div className="ui-form-grid">
            {field('adminName', 'Nama administrator', { autoComplete: 'off' })}
            {field('secret', 'PIN (minimal 6 angka) atau kata sandi', {
              type: 'password',
              autoComplete: 'new-password',
            })}
            {field('secretAgain', 'Ulangi PIN atau kata sandi', {
              type: 'password',
              autoComplete: 'new-password',
            })}
          </div>
        </fieldset>
        <fieldset className="ui-fieldset">
          <legend>3. Server kabupaten</legend>
          <RegencyFound status={status} />
          {!fixed.regency && <ConnectionCodeField onRead={fromSheet} />}
          {!fixed.regency && (
            <div className="ui-form-grid">
              {field('url', 'Alamat server kabupaten', {
                inputMode: 'url',
                placeholder: 'https://',
              })}
              {field('username', 'Nama pengguna kios', { autoComplete: 'off' })}
              {field('password', 'Kata sandi kios', { type: 'password', autoComplete: 'off' })}
              {field('letterKey', 'Kunci surat kios (bila diberikan kabupaten)', {
                type: 'password',
                autoComplete: 'off',
              })}
            </div>
          )}
        </fieldset>
        {failure && <Message tone="error">{failure}</Message>}
        <div className="ui-actions">
          <Button variant="primary" type="submit" disabled={busy}>
            Siapkan kios
          </Button>
        </div>
      </form>
    </main>
  );
}

/** What the kiosk found for the regency before anyone typed: the installer's, or the local hub's. */
function RegencyFound({ status }: { status: SetupStatus | null }) {
  const origin = status?.regencyOrigin;
  const account = status?.regencyUser ? `, akun ${status.regencyUser}` : '';
  if (!status || !origin) {
    return (
      <Message>
        Belum ada sambungan ke server kabupaten. Isi bila kabupaten sudah memberi akun kios;
        kosongkan bila belum — kios tetap bekerja luring.
      </Message>
    );
  }
  if (status.regencySource === 'env') {
    return (
      <Message tone="success" testId="regency-found">
        Ditetapkan oleh pemasang kios: {origin}
        {account}.
      </Message>
    );
  }
  const where =
    status.regencySource === 'hub' ? 'hub kabupaten di komputer ini' : 'pengaturan tersimpan';
  return (
    <Message tone="success" testId="regency-found">
      Sambungan ditemukan ({where}): {origin}
      {account}, untuk desa {formatVillageCode(status.villageCode as VillageCode)} kios{' '}
      {status.kioskId}. Kosongkan kolom di bawah untuk memakainya; isi hanya bila kabupaten memberi
      akun lain.
    </Message>
  );
}
