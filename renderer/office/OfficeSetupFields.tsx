// The office's address, contacts and signing officials at the first run, inside the setup wizard.
// The kiosk's database opens only once setup is done (renderer/App.tsx), so what is typed here
// waits in memory and is saved as the office's first `village-office` document as soon as the
// session opens, by the administrator the setup signed in. Left empty, nothing is saved: the
// administrator fills it later under Profil Kantor.
import { useState } from 'react';
import { create } from 'zustand';
import { useSession } from '../state/session-store';
import { EMPTY_OFFICE, OfficeFieldset, checkOffice } from './OfficeFieldset';
import { saveOffice, type OfficeFields } from './office-data';

const usePendingOffice = create<{ fields: OfficeFields | null }>(() => ({ fields: null }));

/** A form left as it started (or blank) is no office profile. */
const isBlank = (v: OfficeFields) =>
  !v.address.trim() &&
  !v.postalCode.trim() &&
  !v.phone.trim() &&
  !v.email.trim() &&
  v.officials.every((o) => !o.name.trim() && !o.employeeNumber.trim());

useSession.subscribe((state) => {
  const { fields } = usePendingOffice.getState();
  if (state.phase !== 'open' || !fields) return;
  usePendingOffice.setState({ fields: null });
  const { db, config, ids } = state.session;
  saveOffice(db, { villageCode: config.villageCode, kioskId: config.kioskId, ids }, fields).catch(
    (err: unknown) => console.warn(`Profil kantor dari penyiapan tidak tersimpan: ${String(err)}`),
  );
});

export function OfficeSetupFields() {
  const [value, setValue] = useState<OfficeFields>(EMPTY_OFFICE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const change = (next: OfficeFields) => {
    setValue(next);
    // Checked as typed: the wizard's own button saves the rest, so the mistakes show before it.
    const checked = checkOffice(next);
    setErrors(checked.errors);
    const ok = Object.keys(checked.errors).length === 0 && !isBlank(next);
    usePendingOffice.setState({ fields: ok ? checked.fields : null });
  };
  return (
    <div className="office-setup" data-testid="office-setup">
      <p>
        Kantor desa (boleh diisi nanti di menu Profil Kantor). Nama desa, kecamatan dan kabupaten
        dikirim kabupaten menurut kode desa.
      </p>
      <OfficeFieldset idPrefix="setup-office" value={value} onChange={change} errors={errors} />
    </div>
  );
}
