// Profil Kantor, the administrator's: the names the regency sends with the village profile (from
// the Kemendagri code; shown, not edited here) and what the office sets itself — address, postal
// code, telephone, e-mail and the officials who sign — with the letterhead as letters will print it.
import { useMemo, useState, type FormEvent } from 'react';
import { formatVillageCode, type VillageCode } from '../../shared/village';
import { ADDRESS_MISSING, letterheadProblem } from '../../shared/letters/letterhead';
import { useOpenSession } from '../state/session-store';
import { useObservable } from '../state/use-observable';
import { EMPTY_OFFICE, OfficeFieldset, checkOffice } from './OfficeFieldset';
import {
  saveOffice,
  villageIdentity$,
  type OfficeFields,
  type VillageIdentity,
} from './office-data';

export function OfficeProfileScreen() {
  const { db, config, ids } = useOpenSession();
  const identity$ = useMemo(() => villageIdentity$(db), [db]);
  const identity = useObservable<VillageIdentity | null>(identity$, null);
  if (!identity) return null;
  // Keyed by the current office document, so the form starts again from what was saved last.
  return (
    <OfficeForm
      key={identity.office?.id ?? 'none'}
      identity={identity}
      author={{ villageCode: config.villageCode, kioskId: config.kioskId }}
      save={(fields) =>
        saveOffice(db, { villageCode: config.villageCode, kioskId: config.kioskId, ids }, fields)
      }
    />
  );
}

function OfficeForm({
  identity,
  author,
  save,
}: {
  identity: VillageIdentity;
  author: { villageCode: string; kioskId: string };
  save: (fields: OfficeFields) => Promise<unknown>;
}) {
  const { profile, office, village } = identity;
  const [value, setValue] = useState<OfficeFields>(
    office
      ? {
          address: office.address,
          postalCode: office.postalCode,
          phone: office.phone,
          email: office.email,
          officials: office.officials,
        }
      : EMPTY_OFFICE,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const problem = letterheadProblem(village);
  const kind = profile?.regencyKind ?? 'Kabupaten';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const checked = checkOffice(value);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length) {
      setMessage({ text: 'Periksa isian yang ditandai.', error: true });
      return;
    }
    try {
      await save(checked.fields);
      setMessage({ text: 'Profil kantor tersimpan; surat berikutnya memakainya.', error: false });
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  }

  const named = (label: string, name: string | undefined) => (
    <>
      <dt>{label}</dt>
      <dd>{name || <em>belum dikirim kabupaten</em>}</dd>
    </>
  );
  return (
    <section className="office-profile" data-testid="office-profile">
      <h2>Wilayah</h2>
      <p>Nama wilayah diisi kabupaten menurut kode desa dan datang bersama sinkronisasi.</p>
      <dl className="office-names">
        {named('Kode desa', formatVillageCode(author.villageCode as VillageCode))}
        {named('Provinsi', profile?.provinceName)}
        {named(kind, profile?.regencyName)}
        {named('Kecamatan', profile?.districtName)}
        {named('Desa', profile?.villageName)}
      </dl>
      <form aria-label="Profil kantor" onSubmit={(e) => void submit(e)} noValidate>
        <OfficeFieldset idPrefix="office" value={value} onChange={setValue} errors={errors} />
        <button type="submit">Simpan profil kantor</button>
        {message && (
          <p
            className={message.error ? 'field-error' : 'notice'}
            role={message.error ? 'alert' : 'status'}
          >
            {message.text}
          </p>
        )}
      </form>
      <h2>Kop surat</h2>
      <div className="kop-preview" data-testid="kop-preview">
        <div>
          <strong>
            PEMERINTAH {kind.toUpperCase()} {village.regencyName.toUpperCase() || '…'}
          </strong>
        </div>
        <div>
          <strong>KECAMATAN {village.districtName.toUpperCase() || '…'}</strong>
        </div>
        <div>
          <strong>DESA {village.villageName.toUpperCase() || '…'}</strong>
        </div>
        <div>{village.address || '(alamat belum diisi)'}</div>
      </div>
      {(problem || !village.address) && (
        <p className="field-error" role="alert" data-testid="letterhead-problem">
          {problem ?? ADDRESS_MISSING}
        </p>
      )}
    </section>
  );
}
