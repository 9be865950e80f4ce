// The views the regency dashboard reads (sync/regency/dashboard-data.ts), kept in their own
// design document `_design/regency` so the validation in `_design/balai` never changes for them.
// They run inside CouchDB (or the hub's PouchDB map/reduce), so the sources are plain ES5.

export const REGENCY_DESIGN_DOC_ID = '_design/regency';

/** Every document with live conflicts, by type; CouchDB and PouchDB show `_conflicts` to views. */
export const CONFLICTED_MAP = 'function (doc) { if (doc._conflicts) emit(doc.type, null); }';

/** The views whose rows leave out conflicted documents (read through sync/regency/lawful-view.ts). */
export const LAWFUL_VIEWS = [
  'open-requests',
  'finance',
  'planning',
  'dukcapil',
  'population-reports',
] as const;
export type LawfulViewName = (typeof LAWFUL_VIEWS)[number];

export interface CouchView {
  map: string;
  reduce?: string;
}

/**
 * - `open-requests`: requests whose status is neither `collected` nor `rejected`, keyed by
 *   status, counted by the built-in `_count`.
 * - `finance`: whole rupiah summed by the built-in `_sum`:
 *   `[year, "budget", version, stage, accountCode]` → a budget line's amount;
 *   `[year, "ledger", kind]` → a ledger entry's amount (reversals excluded);
 *   `[year, "reversal", reversedId]` → a reversal's amount, by the entry it cancels.
 * - `planning` (no reduce; a few small rows per proposal, meeting, project and report):
 *   `[year, "proposal", id]`, `[year, "musdes", id]` (decided ones), `[year, "project", id]`,
 *   `[year, "report", projectId, date, id]`, and `[year, "adopted-line", lineKey, version]` for
 *   adopted spending lines (a project is funded when its line is adopted). Read by
 *   sync/regency/planning-data.ts.
 * - `dukcapil` (no reduce; one small row per sent application and per decision, and the village's
 *   name): `[applicationId, 0]` → the application's summary, `[applicationId, 1, createdAt]` → a
 *   decision, `["~profile"]` → the village and district names.
 * - `dukcapil-families`: the regency's `resident` documents by KK number (the members whose
 *   card Dukcapil reissues). Read by sync/regency/dukcapil-data.ts.
 * - `population-reports` (no reduce; one small row per closed monthly report): `month` → the
 *   end of the month by sex and nationality, the families and when it was closed. Read by
 *   sync/regency/civil-figures-data.ts.
 * - `conflicted`: every document with live conflicts, keyed by type (decision 0022).
 *
 * The views a figure is computed from (all but `dukcapil-families`, whose rows the back office
 * rewrites by revision) leave out a document with `_conflicts`: its winner may be a revision a
 * lagging cluster copy let in against the rules. sync/regency/lawful-view.ts reads them and adds
 * back each such document's lawful revision, mapped by the same source.
 */
export function regencyViews(): Record<string, CouchView> {
  return {
    'open-requests': {
      map: `function (doc) {
  if (doc._conflicts) return;
  if (doc.type === 'request' && doc.status !== 'collected' && doc.status !== 'rejected') {
    emit(doc.status, null);
  }
}`,
      reduce: '_count',
    },
    finance: {
      map: `function (doc) {
  if (doc._conflicts) return;
  if (typeof doc.amount !== 'number' || typeof doc.fiscalYear !== 'number') return;
  if (doc.type === 'budget') {
    emit([doc.fiscalYear, 'budget', doc.budgetVersion, doc.stage, String(doc.accountCode)], doc.amount);
  } else if (doc.type === 'ledger' && doc.kind === 'reversal') {
    emit([doc.fiscalYear, 'reversal', String(doc.reverses)], doc.amount);
  } else if (doc.type === 'ledger') {
    emit([doc.fiscalYear, 'ledger', doc.kind], doc.amount);
  }
}`,
      reduce: '_sum',
    },
    planning: {
      map: `function (doc) {
  if (doc._conflicts) return;
  var y = doc.fiscalYear;
  if (typeof y !== 'number') return;
  if (doc.type === 'proposal') {
    emit([y, 'proposal', doc._id], { title: doc.title, hamlet: doc.hamlet, kegiatanCode: doc.kegiatanCode,
      priority: doc.priority, estimatedCost: doc.estimatedCost, beneficiaries: doc.beneficiaries });
  } else if (doc.type === 'musdes' && doc.status === 'decided') {
    emit([y, 'musdes', doc._id], { date: doc.date, proposalIds: doc.proposalIds, acceptedIds: doc.acceptedIds,
      attendanceCount: doc.attendanceCount });
  } else if (doc.type === 'rkp-kegiatan') {
    emit([y, 'project', doc._id], { title: doc.title, hamlet: doc.hamlet, kegiatanCode: doc.kegiatanCode,
      priority: doc.priority, estimatedCost: doc.estimatedCost, budgetLineKey: doc.budgetLineKey,
      plannedStart: doc.plannedStart, plannedEnd: doc.plannedEnd });
  } else if (doc.type === 'progress-report') {
    emit([y, 'report', doc.projectId, doc.date, doc._id], { percent: doc.physicalPercent,
      spent: doc.spentAtReport, photos: doc.photoIds ? doc.photoIds.length : 0 });
  } else if (doc.type === 'budget' && doc.stage === 'adopted' && doc.kegiatanCode) {
    emit([y, 'adopted-line', doc.kegiatanCode + '|' + doc.accountCode + '|' + doc.fundingSource,
      doc.budgetVersion], doc.amount);
  }
}`,
    },
    dukcapil: {
      map: `function (doc) {
  if (doc._conflicts) return;
  if (doc.type === 'dukcapil-application' && doc.submissions && doc.submissions.length > 0) {
    emit([doc._id, 0], { documentType: doc.documentType, subjectName: doc.subjectName,
      firstAt: doc.submissions[0].at, lastAt: doc.submissions[doc.submissions.length - 1].at,
      submissions: doc.submissions.length, collected: !!doc.collectedAt });
  } else if (doc.type === 'dukcapil-decision') {
    emit([doc.applicationId, 1, doc.createdAt], { step: doc.step, submission: doc.submission,
      documentNumber: doc.documentNumber, officer: doc.officer });
  } else if (doc.type === 'village-profile') {
    emit(['~profile'], { villageName: doc.villageName, districtName: doc.districtName });
  }
}`,
    },
    'dukcapil-families': {
      map: `function (doc) {
  if (doc.type === 'resident' && doc.kkNumber) emit(doc.kkNumber, null);
}`,
    },
    'population-reports': {
      map: `function (doc) {
  if (doc._conflicts) return;
  if (doc.type === 'population-report' && doc.end) {
    emit(doc.month, { end: doc.end, endFamilies: doc.endFamilies, closedAt: doc.closedAt });
  }
}`,
    },
    conflicted: { map: CONFLICTED_MAP },
  };
}
