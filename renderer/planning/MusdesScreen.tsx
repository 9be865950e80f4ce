// Musdes: the village meeting scores the proposals not yet decided on weighted criteria, sees the
// ranking, and records its decision with attendance. Recording it writes, in one go, the locked
// musdes, an RKPDes kegiatan per accepted proposal and its draft APBDes line (shown on the
// budget screen) — or, if any of it is refused, nothing.
import { useState } from 'react';
import type { Criterion, MusdesDoc } from '../../shared/documents/planning';
import { formatRupiah } from '../../shared/finance/money';
import { accountChoices, accountClass, fundingSourceChoices } from '../../shared/finance/reference';
import {
  decideMusdes,
  newMusdes,
  rankProposals,
  scoreProposal,
  setCriteria,
  undecidedProposals,
} from '../../shared/planning/musdes';
import { DEFAULT_FUNDING, planFromDecision, type Funding } from '../../shared/planning/rkpdes';
import { MAX_SCORE } from '../../shared/planning/settings';
import { formatLongDate, localDate } from '../../shared/dates';
import { refusal } from '../../shared/staff/permissions';
import { YearPicker } from '../finance/common';
import { PhotoStrip } from '../photos/PhotoStrip';
import { GatedButton } from '../staff/GatedButton';
import { useFinanceData, useFiscalYear } from '../finance/store';
import { useOpenSession } from '../state/session-store';
import { BudgetLockedNotice, FormErrors, PlanField, StaffPicker, errorMessage } from './common';
import { usePlanningContext, usePlanningData, useStaff } from './store';
import { usePlanningT } from './words';
import { savePlanningDocs } from './write';

export function MusdesScreen() {
  const t = usePlanningT();
  const { db } = useOpenSession();
  const ctx = usePlanningContext();
  const staff = useStaff();
  const year = useFiscalYear((s) => s.year);
  const { proposals, meetings, settings } = usePlanningData(year);
  const { lines } = useFinanceData(year);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [start, setStart] = useState({ date: localDate(), place: '' });
  const [decision, setDecision] = useState({ attendees: '', attendanceCount: '', note: '' });
  const [accepted, setAccepted] = useState<Record<string, Funding | undefined>>({});
  const [criteria, setCriteriaDraft] = useState<Criterion[] | null>(null);
  // Scores typed quickly one after another each build on the last one written, not on a live
  // query that may not have caught up yet.
  const [lastWritten, setLastWritten] = useState<MusdesDoc | null>(null);

  const liveOpen = meetings.find((m) => m.status === 'open') ?? null;
  const open =
    liveOpen && lastWritten?.id === liveOpen.id && lastWritten.updatedAt > liveOpen.updatedAt
      ? lastWritten
      : liveOpen;
  const decided = meetings.filter((m) => m.status === 'decided');
  const waiting = undecidedProposals(proposals, meetings);

  async function write(
    docs: Parameters<typeof savePlanningDocs>[1],
    action: Parameters<typeof savePlanningDocs>[2],
  ) {
    try {
      await savePlanningDocs(db, docs, action);
      return true;
    } catch (err) {
      setErrors({ save: errorMessage(err) });
      return false;
    }
  }

  async function startMeeting() {
    const result = newMusdes(
      { fiscalYear: year, ...start },
      waiting.map((p) => p.id),
      settings.criteria,
      ctx,
    );
    if (!result.ok) return setErrors(result.errors);
    if (await write([result.value], 'musdes.score')) {
      setLastWritten(result.value);
      setErrors({});
      setNotice('');
    }
  }

  async function score(proposalId: string, key: string, value: string) {
    if (!open || value === '') return;
    const result = scoreProposal(open, proposalId, key, Number(value), ctx);
    if (!result.ok) return setErrors(result.errors);
    setLastWritten(result.value);
    if (await write([result.value], 'musdes.score')) setErrors({});
  }

  async function saveCriteria() {
    if (!open || !criteria) return;
    const result = setCriteria(open, criteria, ctx);
    if (!result.ok) return setErrors(result.errors);
    setLastWritten(result.value);
    if (await write([result.value], 'musdes.score')) {
      setCriteriaDraft(null);
      setErrors({});
    }
  }

  async function decide() {
    if (!open) return;
    const acceptedIds = Object.keys(accepted).filter((id) => accepted[id]);
    const result = decideMusdes(open, proposals, { acceptedIds, ...decision }, ctx);
    if (!result.ok) {
      setErrors(result.errors);
      setNotice('');
      return;
    }
    const funding = Object.fromEntries(
      Object.entries(accepted).filter((e): e is [string, Funding] => e[1] !== undefined),
    );
    const plan = planFromDecision(result.value, proposals, funding, lines, ctx);
    if (!plan.ok) {
      setErrors(plan.errors);
      setNotice('');
      return;
    }
    if (await write([result.value, ...plan.value.kegiatan, ...plan.value.lines], 'musdes.decide')) {
      setLastWritten(null);
      setErrors({});
      setAccepted({});
      setDecision({ attendees: '', attendanceCount: '', note: '' });
      setNotice(`${t('decided')} (${plan.value.kegiatan.length})`);
    }
  }

  const spending = accountChoices().filter(([code]) => accountClass(code) === 'spending');
  const ranked = open ? rankProposals(open, proposals) : [];
  const shownCriteria = criteria ?? open?.criteria ?? [];
  const decideRefusal = refusal(staff.role, 'musdes.decide');

  return (
    <div className="finance planning">
      <div className="fin-toolbar">
        <YearPicker />
        <StaffPicker />
      </div>
      <h2>{t('musdes')}</h2>
      <BudgetLockedNotice />
      <p className="form-notice" role="status">
        {notice}
      </p>
      {!open && (
        <form
          className="fin-form"
          aria-label={t('newMusdes')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void startMeeting();
          }}
        >
          <p>{waiting.length === 0 ? t('nothingToDiscuss') : t('noOpenMusdes')}</p>
          <PlanField name="musdes-date" label={t('date')} error={errors.date}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={start.date}
                onChange={(e) => setStart({ ...start, date: e.target.value })}
              />
            )}
          </PlanField>
          <PlanField name="musdes-place" label={t('place')} error={errors.place}>
            {(p) => (
              <input
                {...p}
                value={start.place}
                maxLength={200}
                onChange={(e) => setStart({ ...start, place: e.target.value })}
              />
            )}
          </PlanField>
          <button type="submit">{t('newMusdes')}</button>
        </form>
      )}
      {open && (
        <>
          <p>
            {formatLongDate(open.date)} · {open.place}
          </p>
          <table className="fin-table" aria-label={t('criteria')}>
            <thead>
              <tr>
                <th>{t('criteria')}</th>
                <th className="num">{t('weight')}</th>
              </tr>
            </thead>
            <tbody>
              {shownCriteria.map((c, i) => (
                <tr key={c.key}>
                  <td>{c.name}</td>
                  <td className="num">
                    <input
                      aria-label={`${t('weight')} ${c.name}`}
                      type="number"
                      min={1}
                      max={100}
                      value={c.weight}
                      onChange={(e) =>
                        setCriteriaDraft(
                          shownCriteria.map((x, j) =>
                            j === i ? { ...x, weight: Number(e.target.value) } : x,
                          ),
                        )
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {criteria && (
            <button type="button" onClick={() => void saveCriteria()}>
              {t('saveCriteria')}
            </button>
          )}
          <table className="fin-table" data-testid="musdes-ranking" aria-label={t('ranking')}>
            <thead>
              <tr>
                <th>{t('ranking')}</th>
                <th>Usulan</th>
                {open.criteria.map((c) => (
                  <th key={c.key}>
                    {c.name} (×{c.weight})
                  </th>
                ))}
                <th className="num">{t('total')}</th>
                <th>{t('accept')}</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((r) => {
                const f = accepted[r.proposal.id];
                return (
                  <tr key={r.proposal.id}>
                    <td>{r.rank}</td>
                    <td>
                      {r.proposal.title}
                      <br />
                      <small>
                        {r.proposal.hamlet} · {formatRupiah(r.proposal.estimatedCost)}
                      </small>
                      {/* The photos of the need, for the meeting to see what it is deciding. */}
                      <PhotoStrip photoIds={r.proposal.photoIds} />
                    </td>
                    {open.criteria.map((c) => (
                      <td key={c.key}>
                        <select
                          aria-label={`${c.name} — ${r.proposal.title}`}
                          value={String(open.scores[r.proposal.id]?.[c.key] ?? '')}
                          onChange={(e) => void score(r.proposal.id, c.key, e.target.value)}
                        >
                          <option value="">–</option>
                          {Array.from({ length: MAX_SCORE + 1 }, (_, n) => (
                            <option key={n} value={n}>
                              {n}
                            </option>
                          ))}
                        </select>
                      </td>
                    ))}
                    <td className="num">
                      {r.total}
                      {r.complete ? '' : ' …'}
                    </td>
                    <td>
                      <label>
                        <input
                          type="checkbox"
                          checked={!!f}
                          onChange={(e) =>
                            setAccepted({
                              ...accepted,
                              [r.proposal.id]: e.target.checked ? DEFAULT_FUNDING : undefined,
                            })
                          }
                        />{' '}
                        {t('accept')} {r.proposal.title}
                      </label>
                      {f && (
                        <>
                          <br />
                          <select
                            aria-label={`${t('account')} — ${r.proposal.title}`}
                            value={f.accountCode}
                            onChange={(e) =>
                              setAccepted({
                                ...accepted,
                                [r.proposal.id]: { ...f, accountCode: e.target.value },
                              })
                            }
                          >
                            {spending.map(([code, name]) => (
                              <option key={code} value={code}>
                                {code} {name}
                              </option>
                            ))}
                          </select>
                          <select
                            aria-label={`${t('source')} — ${r.proposal.title}`}
                            value={f.fundingSource}
                            onChange={(e) =>
                              setAccepted({
                                ...accepted,
                                [r.proposal.id]: { ...f, fundingSource: e.target.value },
                              })
                            }
                          >
                            {fundingSourceChoices().map(([code, name]) => (
                              <option key={code} value={code}>
                                {code} {name}
                              </option>
                            ))}
                          </select>
                          {Object.entries(errors)
                            .filter(([k]) => k.endsWith(`:${r.proposal.id}`))
                            .map(([k, e]) => (
                              <span key={k} className="field-error" role="alert">
                                {e}
                              </span>
                            ))}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <form
            className="fin-form"
            aria-label={t('decide')}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void decide();
            }}
          >
            <PlanField name="attendees" label={t('attendees')} error={errors.attendees}>
              {(p) => (
                <textarea
                  {...p}
                  rows={4}
                  value={decision.attendees}
                  onChange={(e) => setDecision({ ...decision, attendees: e.target.value })}
                />
              )}
            </PlanField>
            <PlanField
              name="attendanceCount"
              label={t('attendanceCount')}
              error={errors.attendanceCount}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={decision.attendanceCount}
                  onChange={(e) => setDecision({ ...decision, attendanceCount: e.target.value })}
                />
              )}
            </PlanField>
            <PlanField name="note" label={t('decisionNote')} error={errors.note}>
              {(p) => (
                <input
                  {...p}
                  maxLength={1000}
                  value={decision.note}
                  onChange={(e) => setDecision({ ...decision, note: e.target.value })}
                />
              )}
            </PlanField>
            <GatedButton type="submit" action="musdes.decide">
              {t('decide')}
            </GatedButton>
            {decideRefusal && <span className="hint">{decideRefusal}</span>}
          </form>
        </>
      )}
      <FormErrors
        errors={errors}
        fields={[
          'date',
          'place',
          'attendees',
          'attendanceCount',
          'note',
          ...Object.keys(errors).filter((k) => k.includes(':')),
        ]}
      />
      <h2>{t('pastMeetings')}</h2>
      <table className="fin-table" data-testid="musdes-decided">
        <thead>
          <tr>
            <th>{t('date')}</th>
            <th>{t('place')}</th>
            <th className="num">{t('attendanceCount')}</th>
            <th>{t('st_accepted')}</th>
          </tr>
        </thead>
        <tbody>
          {decided.map((m) => (
            <tr key={m.id}>
              <td>{formatLongDate(m.date)}</td>
              <td>{m.place}</td>
              <td className="num">{m.attendanceCount}</td>
              <td>
                {m.acceptedIds
                  .map((id) => proposals.find((p) => p.id === id)?.title ?? id)
                  .join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
