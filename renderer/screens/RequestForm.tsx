// The walk-in request form: typed with the keyboard alone (Tab between fields, Enter saves),
// validated by the domain rules, saved locally at once.
import { useRef, useState, type FormEvent } from 'react';
import { LETTER_TYPES } from '../../shared/letter-types';
import {
  requestFromForm,
  type RequestForm as Form,
  type RequestFormErrors,
} from '../../shared/documents/request-form';
import { pendingLocal } from '../../sync/client/local-fields';
import { useT } from '../i18n';
import { useOpenSession } from '../state/session-store';

const EMPTY: Form = { nik: '', name: '', serviceType: '', purpose: '' };

export function RequestForm() {
  const t = useT();
  const { db, ids, config } = useOpenSession();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<RequestFormErrors>({});
  const [notice, setNotice] = useState<'saved' | 'invalid' | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const nikRef = useRef<HTMLInputElement>(null);

  const field = (name: keyof Form) => ({
    id: `request-${name}`,
    name,
    value: form[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `request-${name}-error` : undefined,
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaveError(null);
    const result = requestFromForm(form, {
      villageCode: config.villageCode,
      kioskId: config.kioskId,
      ids,
    });
    if (!result.ok) {
      setErrors(result.errors);
      setNotice('invalid');
      return;
    }
    try {
      await db.requests.insert(pendingLocal(result.doc));
    } catch (err) {
      setSaveError(
        `Permohonan tidak tersimpan: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    setErrors({});
    setForm(EMPTY);
    setNotice('saved');
    nikRef.current?.focus();
  }

  const error = (name: keyof Form) =>
    errors[name] && (
      <span className="field-error" id={`request-${name}-error`}>
        {errors[name]}
      </span>
    );

  return (
    <form className="request-form" onSubmit={submit} noValidate aria-labelledby="new-request-title">
      <h2 id="new-request-title">{t('newRequest')}</h2>
      <label htmlFor="request-nik">{t('nik')}</label>
      <input
        {...field('nik')}
        ref={nikRef}
        inputMode="numeric"
        autoComplete="off"
        autoFocus
        maxLength={20}
      />
      <small>{t('nikHint')}</small>
      {error('nik')}

      <label htmlFor="request-name">{t('name')}</label>
      <input {...field('name')} autoComplete="off" maxLength={140} />
      {error('name')}

      <label htmlFor="request-serviceType">{t('serviceType')}</label>
      <select {...field('serviceType')}>
        <option value="">{t('chooseService')}</option>
        {LETTER_TYPES.map((type) => (
          <option key={type.code} value={type.code}>
            {type.name}
          </option>
        ))}
      </select>
      {error('serviceType')}

      <label htmlFor="request-purpose">{t('purpose')}</label>
      <input {...field('purpose')} autoComplete="off" maxLength={320} />
      {error('purpose')}

      <button type="submit">{t('save')}</button>
      <p className="form-notice" role="status" aria-live="polite">
        {notice === 'saved' && t('saved')}
        {notice === 'invalid' && t('fixErrors')}
      </p>
      {saveError && (
        <p className="field-error" role="alert">
          {saveError}
        </p>
      )}
    </form>
  );
}
