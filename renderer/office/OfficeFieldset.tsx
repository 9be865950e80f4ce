// The fields the office owns — address, postal code, telephone, e-mail and the officials who sign
// — as one set of inputs, used by the first-run setup and by the administrator's Profil Kantor.
import { OFFICIAL_ROLES, type OfficeOfficial } from '../../shared/documents/village-admin';
import { Button, Field, Table } from '../ui';
import { officeProblems, type OfficeFields } from './office-data';
// The office screens' few rules (Profil Kantor imports this fieldset, so it gets them too).
import './office.css';

export const OFFICIAL_ROLE_LABELS: Record<OfficeOfficial['role'], string> = {
  'kepala-desa': 'Kepala Desa',
  sekretaris: 'Sekretaris Desa',
  'kaur-keuangan': 'Kaur Keuangan',
  staf: 'Perangkat lain',
};

const OFFICIAL_FIELD_LABELS = { name: 'Nama', position: 'Jabatan', employeeNumber: 'NIP/NIPD' };

export const EMPTY_OFFICE: OfficeFields = {
  address: '',
  postalCode: '',
  phone: '',
  email: '',
  officials: [
    { role: 'kepala-desa', name: '', position: 'Kepala Desa', employeeNumber: '' },
    { role: 'sekretaris', name: '', position: 'Sekretaris Desa', employeeNumber: '' },
  ],
};

/**
 * The fields as they would be saved — official rows left without name and number dropped — and
 * the problems, keyed by the rows as shown.
 */
export function checkOffice(value: OfficeFields): {
  fields: OfficeFields;
  errors: Record<string, string>;
} {
  const kept = value.officials
    .map((official, row) => ({ official, row }))
    .filter(({ official }) => official.name.trim() || official.employeeNumber.trim());
  const fields = { ...value, officials: kept.map((k) => k.official) };
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(officeProblems(fields))) {
    const shown = path.replace(
      /^officials\.(\d+)/,
      (_, k: string) => `officials.${kept[Number(k)]!.row}`,
    );
    errors[shown] ??= message;
  }
  return { fields, errors };
}

export function OfficeFieldset({
  idPrefix,
  value,
  onChange,
  errors,
}: {
  idPrefix: string;
  value: OfficeFields;
  onChange: (next: OfficeFields) => void;
  /** Field path (`address`, `officials.0.name`…) → message. */
  errors: Record<string, string>;
}) {
  const id = (path: string) => `${idPrefix}-${path.replace(/\./g, '-')}`;
  const text = (path: 'address' | 'postalCode' | 'phone' | 'email', label: string) => (
    <Field id={id(path)} label={label} error={errors[path]}>
      {(control) => (
        <input
          {...control}
          value={value[path]}
          onChange={(e) => onChange({ ...value, [path]: e.target.value })}
          {...(path === 'postalCode' ? { inputMode: 'numeric' as const } : {})}
          {...(path === 'email' ? { type: 'email' } : {})}
        />
      )}
    </Field>
  );
  const setOfficial = (i: number, patch: Partial<OfficeOfficial>) =>
    onChange({
      ...value,
      officials: value.officials.map((o, j) => (j === i ? { ...o, ...patch } : o)),
    });
  return (
    <>
      <fieldset className="ui-fieldset">
        <legend>Alamat kantor desa</legend>
        <div className="ui-form-grid">
          {text('address', 'Alamat (jalan, nomor)')}
          {text('postalCode', 'Kode pos')}
          {text('phone', 'Telepon')}
          {text('email', 'E-mail')}
        </div>
      </fieldset>
      <fieldset className="ui-fieldset">
        <legend>Pejabat penanda tangan</legend>
        <div className="office-officials">
          <Table
            testId={`${idPrefix}-officials`}
            head={
              <>
                <th>Peran</th>
                <th>Nama</th>
                <th>Jabatan</th>
                <th>NIP/NIPD</th>
                <th />
              </>
            }
          >
            {value.officials.map((o, i) => (
              <tr key={i}>
                <td>
                  <select
                    aria-label={`Peran pejabat ${i + 1}`}
                    value={o.role}
                    onChange={(e) =>
                      setOfficial(i, { role: e.target.value as OfficeOfficial['role'] })
                    }
                  >
                    {OFFICIAL_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {OFFICIAL_ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </td>
                {(['name', 'position', 'employeeNumber'] as const).map((field) => {
                  const path = `officials.${i}.${field}`;
                  return (
                    <td key={field}>
                      <input
                        id={id(path)}
                        aria-label={`${OFFICIAL_FIELD_LABELS[field]} pejabat ${i + 1}`}
                        value={o[field]}
                        onChange={(e) => setOfficial(i, { [field]: e.target.value })}
                        aria-invalid={errors[path] ? true : undefined}
                        aria-describedby={errors[path] ? `${id(path)}-error` : undefined}
                      />
                      {errors[path] && (
                        <span id={`${id(path)}-error`} className="ui-field-error">
                          {errors[path]}
                        </span>
                      )}
                    </td>
                  );
                })}
                <td>
                  <Button
                    variant="quiet"
                    small
                    aria-label={`Hapus pejabat ${i + 1}`}
                    onClick={() =>
                      onChange({ ...value, officials: value.officials.filter((_, j) => j !== i) })
                    }
                  >
                    Hapus
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        </div>
        <div className="ui-actions">
          <Button
            onClick={() =>
              onChange({
                ...value,
                officials: [
                  ...value.officials,
                  { role: 'staf', name: '', position: '', employeeNumber: '' },
                ],
              })
            }
          >
            Tambah pejabat
          </Button>
        </div>
      </fieldset>
    </>
  );
}
