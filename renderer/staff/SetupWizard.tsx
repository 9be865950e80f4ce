// The first run, as a new office meets it: which village and kiosk this is, the first
// administrator, and how the kiosk reaches the regency. The host saves all of it at once, or
// nothing (electron/host/staff-handlers.ts); the administrator is signed in at the end.
import { useState, type FormEvent } from 'react';
import { staffSetupRequestSchema } from '../../shared/ipc';
import { getBridge } from '../bridge';
import { useSignIn } from './store';
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

  const field = (name: keyof Fields) => ({
    id: `setup-${name}`,
    value: f[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `setup-${name}-error` : undefined,
    onChange: (e: { target: { value: string } }) => setF({ ...f, [name]: e.target.value }),
  });
  const error = (name: keyof Fields) =>
    errors[name] && (
      <span id={`setup-${name}-error`} className="field-error">
        {errors[name]}
      </span>
    );

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
      <h1>Menyiapkan kiosk Balai</h1>
      <form aria-label="Penyiapan kiosk" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>1. Desa dan kiosk</legend>
          <label htmlFor="setup-villageCode">Kode desa (Kemendagri, 10 angka)</label>
          <input {...field('villageCode')} readOnly={fixed.kiosk} inputMode="numeric" />
          {error('villageCode')}
          <label htmlFor="setup-kioskId">ID kiosk</label>
          <input {...field('kioskId')} readOnly={fixed.kiosk} />
          {error('kioskId')}
          {fixed.kiosk && <p>Kode desa dan ID kiosk ditetapkan oleh pemasang kiosk.</p>}
          <label htmlFor="setup-villageName">Nama desa</label>
          <input {...field('villageName')} />
          {error('villageName')}
        </fieldset>
        <OfficeSetupFields />
        <fieldset>
          <legend>2. Administrator pertama</legend>
          <label htmlFor="setup-adminName">Nama administrator</label>
          <input {...field('adminName')} autoComplete="off" />
          {error('adminName')}
          <label htmlFor="setup-secret">PIN (minimal 6 angka) atau kata sandi</label>
          <input {...field('secret')} type="password" autoComplete="new-password" />
          {error('secret')}
          <label htmlFor="setup-secretAgain">Ulangi PIN atau kata sandi</label>
          <input {...field('secretAgain')} type="password" autoComplete="new-password" />
          {error('secretAgain')}
        </fieldset>
        <fieldset>
          <legend>3. Server kabupaten</legend>
          {fixed.regency ? (
            <p>Ditetapkan oleh pemasang kiosk: {status?.regencyOrigin}</p>
          ) : (
            <>
              <p>
                Kosongkan bila kiosk belum mendapat akun dari kabupaten; kiosk tetap bekerja luring.
              </p>
              <label htmlFor="setup-url">Alamat server kabupaten</label>
              <input {...field('url')} inputMode="url" placeholder="https://" />
              {error('url')}
              <label htmlFor="setup-username">Nama pengguna kiosk</label>
              <input {...field('username')} autoComplete="off" />
              {error('username')}
              <label htmlFor="setup-password">Kata sandi kiosk</label>
              <input {...field('password')} type="password" autoComplete="off" />
              {error('password')}
              <label htmlFor="setup-letterKey">Kunci surat kiosk (bila diberikan kabupaten)</label>
              <input {...field('letterKey')} type="password" autoComplete="off" />
              {error('letterKey')}
            </>
          )}
        </fieldset>
        <button type="submit" disabled={busy}>
          Siapkan kiosk
        </button>
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
      </form>
    </main>
  );
}
