// Proyek: the year's RKPDes kegiatan with their money and progress, overdue and stalled ones
// flagged in words; a project's detail has its timeline (with the reports' photos), its schedule
// and the progress-report form. A report's ID is reserved first so its photos reference it, and
// the report is saved after them; money spent is read from the cash book, never typed.
import { useState, type FormEvent } from 'react';
import { formatLongDate, localDate } from '../../shared/dates';
import { formatRupiah } from '../../shared/finance/money';
import { kegiatanName } from '../../shared/finance/reference';
import {
  progressReportFrom,
  projectStatus,
  projectTimeline,
  setSchedule,
  type ProjectStatus,
} from '../../shared/planning/project';
import { priorityName } from '../../shared/planning/settings';
import { YearPicker } from '../finance/common';
import { useFinanceData, useFiscalYear } from '../finance/store';
import { PhotoInput } from '../photos/PhotoInput';
import { PhotoStrip } from '../photos/PhotoStrip';
import { useOpenSession } from '../state/session-store';
import { errorMessage, FormErrors, PlanField, StaffPicker } from './common';
import { usePlanningContext, usePlanningData, useStaff, type PlanningData } from './store';
import { usePlanningT } from './words';
import { savePlanningDocs } from './write';

function Bar({ percent }: { percent: number }) {
  return (
    <span className="plan-bar" aria-hidden="true">
      <span style={{ width: `${percent}%` }} />
    </span>
  );
}

function Flags({ status }: { status: ProjectStatus }) {
  const t = usePlanningT();
  return (
    <>
      {status.overdue && <span className="plan-flag">{t('overdue')}</span>}
      {status.stalled && (
        <span className="plan-flag">
          {t('stalled')} ({status.daysSinceReport} hari)
        </span>
      )}
    </>
  );
}

export function ProjectsScreen() {
  const t = usePlanningT();
  const year = useFiscalYear((s) => s.year);
  const planning = usePlanningData(year);
  const finance = useFinanceData(year);
  // The regency's threshold unless staff look at another one here.
  const [stalledOverride, setStalledDays] = useState<number | null>(null);
  const stalledDays = stalledOverride ?? planning.settings.stalledDays;
  const [openId, setOpenId] = useState<string | null>(null);
  const today = localDate();
  const statuses = planning.kegiatan
    .map((k) => projectStatus(k, finance, planning.reports, today, stalledDays))
    .sort((a, b) => a.kegiatan.rank - b.kegiatan.rank || (a.kegiatan.id < b.kegiatan.id ? -1 : 1));
  const opened = statuses.find((s) => s.kegiatan.id === openId);

  if (opened)
    return <ProjectDetail status={opened} planning={planning} onBack={() => setOpenId(null)} />;
  return (
    <div className="finance planning">
      <div className="fin-toolbar">
        <YearPicker />
        <label>
          {t('stalledAfter')}{' '}
          <input
            type="number"
            min={1}
            max={365}
            value={stalledDays}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 365) setStalledDays(n);
            }}
          />
        </label>
      </div>
      <h2>{t('projects')}</h2>
      <table className="fin-table" data-testid="project-list">
        <thead>
          <tr>
            <th>{t('title')}</th>
            <th>{t('kegiatan')}</th>
            <th>{t('priority')}</th>
            <th className="num">{t('budget')}</th>
            <th className="num">{t('spent')}</th>
            <th>{t('progress')}</th>
            <th>{t('lastReport')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {statuses.length === 0 && (
            <tr>
              <td colSpan={8}>{t('noProjects')}</td>
            </tr>
          )}
          {statuses.map((s) => (
            <tr key={s.kegiatan.id} className={s.overdue || s.stalled ? 'plan-flagged' : ''}>
              <td>
                <Flags status={s} />
                {s.kegiatan.title}
                <br />
                <small>
                  {s.kegiatan.hamlet} · {s.kegiatan.location}
                </small>
              </td>
              <td>
                {s.kegiatan.kegiatanCode} {kegiatanName(s.kegiatan.kegiatanCode)}
              </td>
              <td>{priorityName(s.kegiatan.priority, planning.settings)}</td>
              <td className="num">{s.funded ? formatRupiah(s.budget) : t('notFunded')}</td>
              <td className="num">{formatRupiah(s.spent)}</td>
              <td>
                <Bar percent={s.percent} />
                {s.percent}%
              </td>
              <td>{s.lastReportDate ?? t('never')}</td>
              <td>
                <button type="button" onClick={() => setOpenId(s.kegiatan.id)}>
                  {t('open')} {s.kegiatan.title}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProjectDetail({
  status,
  planning,
  onBack,
}: {
  status: ProjectStatus;
  planning: PlanningData;
  onBack(): void;
}) {
  const t = usePlanningT();
  const { db } = useOpenSession();
  const ctx = usePlanningContext();
  const staff = useStaff();
  const finance = useFinanceData(status.kegiatan.fiscalYear);
  const k = status.kegiatan;
  const [reportId, setReportId] = useState(() => ctx.ids.next('progress-report'));
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [form, setForm] = useState({ date: localDate(), physicalPercent: '', notes: '' });
  const [schedule, setScheduleForm] = useState({ start: k.plannedStart, end: k.plannedEnd });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const timeline = projectTimeline(
    status,
    planning.proposals.find((p) => p.id === k.proposalId),
    planning.meetings.find((m) => m.id === k.musdesId),
    finance,
  );

  async function report(event: FormEvent) {
    event.preventDefault();
    const result = progressReportFrom(
      { ...form, reportedBy: staff.name },
      status,
      { id: reportId, photoIds, today: localDate() },
      ctx,
    );
    if (!result.ok) {
      setErrors(result.errors);
      setNotice(t('fixErrors'));
      return;
    }
    try {
      await savePlanningDocs(db, [result.value], 'project.report');
    } catch (err) {
      setErrors({ save: errorMessage(err) });
      return;
    }
    setErrors({});
    setNotice(`${t('reportSaved')} (${result.value.physicalPercent}%)`);
    setForm({ date: localDate(), physicalPercent: '', notes: '' });
    setPhotoIds([]);
    setReportId(ctx.ids.next('progress-report'));
  }

  async function reschedule(event: FormEvent) {
    event.preventDefault();
    const result = setSchedule(k, schedule.start, schedule.end, ctx);
    if (!result.ok) return setErrors(result.errors);
    try {
      await savePlanningDocs(db, [result.value], 'project.schedule');
      setErrors({});
    } catch (err) {
      setErrors({ save: errorMessage(err) });
    }
  }

  return (
    <div className="finance planning" data-testid="project-detail">
      <div className="fin-toolbar">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <StaffPicker />
      </div>
      <h2>
        <Flags status={status} />
        {k.title}
      </h2>
      <dl className="plan-facts">
        <dt>{t('kegiatan')}</dt>
        <dd>
          {k.kegiatanCode} {kegiatanName(k.kegiatanCode)}
        </dd>
        <dt>{t('location')}</dt>
        <dd>
          {k.hamlet} · {k.location}
        </dd>
        <dt>{t('budget')}</dt>
        <dd>{status.funded ? formatRupiah(status.budget) : t('notFunded')}</dd>
        <dt>{t('spentFromLedger')}</dt>
        <dd data-testid="project-spent">{formatRupiah(status.spent)}</dd>
        <dt>{t('progress')}</dt>
        <dd data-testid="project-percent">
          <Bar percent={status.percent} />
          {status.percent}%
        </dd>
      </dl>
      <p className="form-notice" role="status">
        {notice}
      </p>
      <h3>{t('timeline')}</h3>
      <ol className="plan-timeline" data-testid="project-timeline">
        {timeline.map((e, i) => (
          <li key={i}>
            <time dateTime={e.date}>{formatLongDate(e.date)}</time>
            {e.text}
            {e.photoIds && e.photoIds.length > 0 && <PhotoStrip photoIds={e.photoIds} />}
          </li>
        ))}
      </ol>
      <form className="fin-form" onSubmit={report} noValidate aria-label={t('newReport')}>
        <h3>{t('newReport')}</h3>
        <PlanField name="report-date" label={t('reportDate')} error={errors.date}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.date}
              onChange={(e) => setForm({ ...form, date: e.target.value })}
            />
          )}
        </PlanField>
        <PlanField name="report-percent" label={t('percent')} error={errors.physicalPercent}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={form.physicalPercent}
              onChange={(e) => setForm({ ...form, physicalPercent: e.target.value })}
            />
          )}
        </PlanField>
        <PlanField name="report-notes" label={t('notes')} error={errors.notes}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              maxLength={1000}
              value={form.notes}
              onChange={(e) => setForm({ ...form, notes: e.target.value })}
            />
          )}
        </PlanField>
        <div className="fin-field">
          <span>{t('photos')}</span>
          <PhotoInput
            key={reportId}
            refId={reportId}
            onSaved={(ids) => setPhotoIds((prev) => [...prev, ...ids])}
          />
          <span data-testid="report-photo-count">
            {photoIds.length} {t('photosAttached')}
          </span>
        </div>
        <button type="submit">{t('saveReport')}</button>
      </form>
      <form className="fin-form" onSubmit={reschedule} noValidate aria-label={t('schedule')}>
        <h3>{t('schedule')}</h3>
        <PlanField name="planned-start" label={t('plannedStart')} error={errors.plannedStart}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={schedule.start}
              onChange={(e) => setScheduleForm({ ...schedule, start: e.target.value })}
            />
          )}
        </PlanField>
        <PlanField name="planned-end" label={t('plannedEnd')} error={errors.plannedEnd}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={schedule.end}
              onChange={(e) => setScheduleForm({ ...schedule, end: e.target.value })}
            />
          )}
        </PlanField>
        <button type="submit">{t('saveSchedule')}</button>
      </form>
      <FormErrors
        errors={errors}
        fields={['date', 'physicalPercent', 'notes', 'plannedStart', 'plannedEnd']}
      />
    </div>
  );
}
