// Usulan: staff enter the proposals of a hamlet meeting (musdus) one after another, with photos of
// the need, and find them again by hamlet, sector, priority or words. A proposal with any bad field
// is not written; each field says what is wrong with it.
import { useState, type FormEvent } from 'react';
import { formatRupiah } from '../../shared/finance/money';
import {
  bidangName,
  bidangOf,
  kegiatanChoices,
  kegiatanName,
} from '../../shared/finance/reference';
import {
  filterProposals,
  proposalFromForm,
  type ProposalForm,
} from '../../shared/planning/proposal';
import { priorityName } from '../../shared/planning/settings';
import { localDate } from '../../shared/dates';
import { YearPicker } from '../finance/common';
import { useFiscalYear } from '../finance/store';
import { PhotoInput } from '../photos/PhotoInput';
import { useOpenSession } from '../state/session-store';
import { BudgetLockedNotice, FormErrors, PlanField, StaffPicker, errorMessage } from './common';
import { usePlanningContext, usePlanningData, useStaff, type PlanningData } from './store';
import { usePlanningT } from './words';
import { savePlanningDocs } from './write';

type Fields = Omit<ProposalForm, 'fiscalYear' | 'recordedBy'>;
const FIELDS: (keyof Fields)[] = [
  'hamlet',
  'meetingDate',
  'title',
  'kegiatanCode',
  'location',
  'estimatedCost',
  'beneficiaries',
  'beneficiaryNote',
  'priority',
];

function proposalState(id: string, meetings: PlanningData['meetings']) {
  for (const m of meetings) {
    if (m.status !== 'decided' || !m.proposalIds.includes(id)) continue;
    return m.acceptedIds.includes(id) ? 'st_accepted' : 'st_declined';
  }
  return 'st_new';
}

function bidangChoices(): string[] {
  return [...new Set(kegiatanChoices().map(([code]) => bidangOf(code)))];
}

export function ProposalsScreen() {
  const t = usePlanningT();
  const { db } = useOpenSession();
  const ctx = usePlanningContext();
  const staff = useStaff();
  const year = useFiscalYear((s) => s.year);
  const { proposals, meetings, settings } = usePlanningData(year);
  const empty = (): Fields => ({
    hamlet: '',
    meetingDate: localDate(),
    title: '',
    kegiatanCode: '',
    location: '',
    estimatedCost: '',
    beneficiaries: '',
    beneficiaryNote: '',
    priority: '',
  });
  const [form, setForm] = useState<Fields>(empty);
  // The ID is reserved first so photos of the need can reference the proposal before it exists.
  const [draftId, setDraftId] = useState(() => ctx.ids.next('proposal'));
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [filter, setFilter] = useState({ hamlet: '', bidang: '', priority: '', text: '' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = proposalFromForm({ ...form, fiscalYear: year, recordedBy: staff.name }, ctx, {
      id: draftId,
      photoIds,
      settings,
    });
    if (!result.ok) {
      setErrors(result.errors);
      setNotice(t('fixErrors'));
      return;
    }
    try {
      await savePlanningDocs(db, [result.value], 'proposal.create');
    } catch (err) {
      setErrors({ save: errorMessage(err) });
      setNotice(t('fixErrors'));
      return;
    }
    setErrors({});
    setNotice(`${t('proposalSaved')} (${result.value.title})`);
    // The next proposal of the same meeting: keep the hamlet and the date.
    setForm({ ...empty(), hamlet: form.hamlet, meetingDate: form.meetingDate });
    setPhotoIds([]);
    setDraftId(ctx.ids.next('proposal'));
  }

  const bind = (name: keyof Fields) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });
  const hamlets = [...new Set(proposals.map((p) => p.hamlet))].sort();
  const shown = filterProposals(proposals, filter);

  return (
    <div className="finance planning">
      <div className="fin-toolbar">
        <YearPicker />
        <StaffPicker />
      </div>
      <BudgetLockedNotice />
      <form className="fin-form" onSubmit={submit} noValidate aria-label={t('newProposal')}>
        <h2>{t('newProposal')}</h2>
        <PlanField name="hamlet" label={t('hamlet')} error={errors.hamlet}>
          {(p) => <input {...p} {...bind('hamlet')} list="plan-hamlets" maxLength={80} />}
        </PlanField>
        <datalist id="plan-hamlets">
          {hamlets.map((h) => (
            <option key={h} value={h} />
          ))}
        </datalist>
        <PlanField name="meetingDate" label={t('meetingDate')} error={errors.meetingDate}>
          {(p) => <input {...p} {...bind('meetingDate')} type="date" />}
        </PlanField>
        <PlanField name="title" label={t('title')} error={errors.title}>
          {(p) => <input {...p} {...bind('title')} maxLength={200} />}
        </PlanField>
        <PlanField name="kegiatanCode" label={t('kegiatan')} error={errors.kegiatanCode}>
          {(p) => (
            <select {...p} {...bind('kegiatanCode')}>
              <option value="">{t('chooseKegiatan')}</option>
              {kegiatanChoices().map(([code, name]) => (
                <option key={code} value={code}>
                  {code} {name}
                </option>
              ))}
            </select>
          )}
        </PlanField>
        <PlanField name="location" label={t('location')} error={errors.location}>
          {(p) => <input {...p} {...bind('location')} maxLength={200} />}
        </PlanField>
        <PlanField name="estimatedCost" label={t('estimatedCost')} error={errors.estimatedCost}>
          {(p) => <input {...p} {...bind('estimatedCost')} inputMode="numeric" />}
        </PlanField>
        <PlanField name="beneficiaries" label={t('beneficiaries')} error={errors.beneficiaries}>
          {(p) => <input {...p} {...bind('beneficiaries')} inputMode="numeric" />}
        </PlanField>
        <PlanField
          name="beneficiaryNote"
          label={t('beneficiaryNote')}
          error={errors.beneficiaryNote}
        >
          {(p) => <input {...p} {...bind('beneficiaryNote')} maxLength={300} />}
        </PlanField>
        <PlanField name="priority" label={t('priority')} error={errors.priority}>
          {(p) => (
            <select {...p} {...bind('priority')}>
              <option value="">{t('choosePriority')}</option>
              {settings.priorities.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </PlanField>
        <div className="fin-field">
          <span>{t('photosOfNeed')}</span>
          <PhotoInput
            key={draftId}
            refId={draftId}
            onSaved={(ids) => setPhotoIds((prev) => [...prev, ...ids])}
          />
          {photoIds.length > 0 && (
            <span>
              {photoIds.length} {t('photosAttached')}
            </span>
          )}
        </div>
        <button type="submit">{t('saveProposal')}</button>
      </form>
      <p className="form-notice" role="status">
        {notice}
      </p>
      <FormErrors errors={errors} fields={FIELDS} />

      <h2>{t('proposals')}</h2>
      <div className="fin-toolbar" role="search">
        <label>
          {t('filterHamlet')}{' '}
          <select
            value={filter.hamlet}
            onChange={(e) => setFilter({ ...filter, hamlet: e.target.value })}
          >
            <option value="">{t('all')}</option>
            {hamlets.map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filterBidang')}{' '}
          <select
            value={filter.bidang}
            onChange={(e) => setFilter({ ...filter, bidang: e.target.value })}
          >
            <option value="">{t('all')}</option>
            {bidangChoices().map((b) => (
              <option key={b} value={b}>
                {b} {bidangName(b)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterPriority')}{' '}
          <select
            value={filter.priority}
            onChange={(e) => setFilter({ ...filter, priority: e.target.value })}
          >
            <option value="">{t('all')}</option>
            {settings.priorities.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('search')}{' '}
          <input
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
        </label>
      </div>
      <table className="fin-table" data-testid="proposal-list">
        <thead>
          <tr>
            <th>{t('title')}</th>
            <th>{t('hamlet')}</th>
            <th>{t('kegiatan')}</th>
            <th>{t('priority')}</th>
            <th className="num">{t('cost')}</th>
            <th className="num">{t('beneficiaries')}</th>
            <th>{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={7}>{t('noProposals')}</td>
            </tr>
          )}
          {shown.map((p) => (
            <tr key={p.id}>
              <td>
                {p.title}
                <br />
                <small>{p.location}</small>
              </td>
              <td>{p.hamlet}</td>
              <td>
                {p.kegiatanCode} {kegiatanName(p.kegiatanCode)}
              </td>
              <td>{priorityName(p.priority, settings)}</td>
              <td className="num">{formatRupiah(p.estimatedCost)}</td>
              <td className="num">{p.beneficiaries}</td>
              <td>
                {t(proposalState(p.id, meetings))}
                {p.syncState === 'pending' ? ` · ${t('waiting')}` : ''}
                {p.photoIds.length > 0 ? ` · ${p.photoIds.length} foto` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
