// Profil Kantor, the administrator's: the names the regency sends with the village profile (from
// the Kemendagri code; shown, not edited here) and what the office sets itself — address, postal
// code, telephone, e-mail and the officials who sign — with the letterhead as letters will print it.
import { useState, type FormEvent } from 'react';
import { formatVillageCode, type VillageCode } from '../../shared/village';
import { ADDRESS_MISSING, letterheadProblem } from '../../shared/letters/letterhead';
import { useOpenSession } from '../state/session-store';
import { Button, Card, Message } from '../ui';
import { EMPTY_OFFICE, OfficeFieldset, checkOffice } from './OfficeFieldset';
import { saveOffice, type OfficeFields, type VillageIdentity } from './office-data';
import { useVillageIdentity } from './VillageLabel';

export function OfficeProfileScreen() {
  const { db, config, ids } = useOpenSession();
  const identity = useVillageIdentity();
  // The document this screen saved last: the form below starts again once it is current, so the
  // confirmation lives here, and shows while what was saved is what letters use.
  const [savedId, setSavedId] = useState<string | null>(null);
  if (!identity) return null;
  // Keyed by the current office document, so the form starts again from what was saved last.
  return (
    <OfficeForm
      key={identity.office?.id ?? 'none'}
      identity={identity}
      author={{ villageCode: config.villageCode, kioskId: config.kioskId }}
      justSaved={savedId !== null && identity.office?.id === savedId}
      save={async (fields) => {
        const doc = await saveOffice(
          db,
          { villageCode: config.villageCode, kioskId: config.kioskId, ids },
          fields,
        );
        setSavedId(doc.id);
      }}
    />
  );
}

function OfficeForm({
  identity,
  author,
  justSaved,
  save,
}: {
  identity: VillageIdentity;
  author: { villageCode: string; kioskId: string };
  justSaved: boolean;
  save: (fields: OfficeFields) => Promise<void>;
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
  const [failure, setFailure] = useState<string | null>(null);
  const problem = letterheadProblem(village);
  const kind = profile?.regencyKind ?? 'Kabupaten';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const checked = checkOffice(value);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length) {
      setFailure('Periksa isian yang ditandai; belum ada yang tersimpan.');
      return;
    }
    try {
      await save(checked.fields);
    } catch (err) {
      setFailure((err as Error).message);
    }
  }

  const named = (label: string, name: string | undefined) => (
    <div>
      <dt>{label}</dt>
      <dd>{name || <em>belum dikirim kabupaten</em>}</dd>
    </div>
  );
  return (
    <div className="office-profile ui-stack" data-testid="office-profile">
      <Card title="Wilayah">
        <p className="ui-field-hint">
          Nama wilayah diisi kabupaten menurut kode desa dan datang bersama sinkronisasi.
        </p>
        <dl className="office-names">
          {named('Kode desa', formatVillageCode(author.villageCode as VillageCode))}
          {named('Provinsi', profile?.provinceName)}
          {named(kind, profile?.regencyName)}
          {named('Kecamatan', profile?.districtName)}
          {named('Desa', profile?.villageName)}
        </dl>
      </Card>
      <form
        className="ui-stack"
        aria-label="Profil kantor"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <OfficeFieldset idPrefix="office" value={value} onChange={setValue} errors={errors} />
        {failure && <Message tone="error">{failure}</Message>}
        {justSaved && !failure && (
          <Message tone="success">Profil kantor tersimpan; surat berikutnya memakainya.</Message>
        )}
        <div className="ui-actions">
          <Button variant="primary" type="submit">
            Simpan profil kantor
          </Button>
        </div>
      </form>
      <Card title="Kop surat">
        <div className="kop-preview" data-testid="kop-preview">
          <strong>
            PEMERINTAH {kind.toUpperCase()} {village.regencyName.toUpperCase() || '…'}
          </strong>
          <strong>KECAMATAN {village.districtName.toUpperCase() || '…'}</strong>
          <strong>DESA {village.villageName.toUpperCase() || '…'}</strong>
          <span>{village.address || '(alamat belum diisi)'}</span>
        </div>
        {(problem || !village.address) && (
          <Message tone={problem ? 'error' : 'warning'} testId="letterhead-problem">
            {problem ?? ADDRESS_MISSING}
          </Message>
        )}
      </Card>
    </div>
  );
}
