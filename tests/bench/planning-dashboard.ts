// The regency's planning view at Banyuwangi's scale (over 4,000 projects in 189 villages in its
// first year: about 21 projects per village): villages with proposals, a decided musdes, funded
// projects and a dozen progress reports each, stored on an in-process hub, then the dashboard
// gathered twice — cold (CouchDB/PouchDB builds the `planning` view index) and warm — and the page
// rendered; then one page as the hub serves it (`?halaman=1`, 25 villages: every village's sync
// reports for the order and totals, the rest for the page's villages only), gathered warm and
// rendered. Documents are built with the planning domain, as a kiosk builds them.
import { performance } from 'node:perf_hooks';
import type { BudgetLineDoc } from '../../shared/documents/budget';
import type { ProposalDoc } from '../../shared/documents/planning';
import { adoptBudget, createBudgetLine, type Result } from '../../shared/finance/budget';
import { createIdGenerator } from '../../shared/ids';
import { decideMusdes, newMusdes, scoreProposal } from '../../shared/planning/musdes';
import { progressReportFrom, projectStatus } from '../../shared/planning/project';
import { proposalFromForm, type PlanningContext } from '../../shared/planning/proposal';
import { planFromDecision } from '../../shared/planning/rkpdes';
import { DEFAULT_CRITERIA, DEFAULT_PRIORITIES } from '../../shared/planning/settings';
import { KEGIATAN_LIST } from '../../shared/finance/reference';
import { villageDbName, type VillageCode } from '../../shared/village';
import { couchRequest, expectStatus } from '../../sync/provision/couch-request';
import { provisionVillage } from '../../sync/provision/provision';
import {
  fiscalYearAt,
  gatherDashboard,
  gatherDashboardPage,
} from '../../sync/regency/dashboard-data';
import {
  DEFAULT_PER_PAGE,
  DEFAULT_STALE_DAYS,
  renderDashboardPage,
} from '../../sync/regency/dashboard-page';
import { startCouchServer, uniqueVillageCode } from '../support/couch-server';

const VILLAGES = Number(process.env.BENCH_PLANNING_VILLAGES ?? 40);
const PROPOSALS = 30;
const PROJECTS = 21;
const REPORTS = 12;

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** One village's year of planning, as its kiosk would have written it. */
function villageYear(code: VillageCode, year: number, seed: number): object[] {
  let t = Date.UTC(year, 0, 1) + seed * 1000;
  const ctx: PlanningContext = {
    villageCode: code,
    kioskId: 'k1',
    ids: createIdGenerator(code, 'k1', () => t++),
  };
  // Spending kegiatan, each used once per village so every accepted proposal gets its own line.
  const kegiatan = KEGIATAN_LIST.filter(([c]) => /^0[2-5]\./.test(c)).map(([c]) => c);
  const proposals: ProposalDoc[] = Array.from({ length: PROPOSALS }, (_, i) =>
    must(
      proposalFromForm(
        {
          fiscalYear: year,
          hamlet: `Dusun ${(i % 4) + 1}`,
          meetingDate: `${year - 1}-09-${String((i % 20) + 1).padStart(2, '0')}`,
          title: `Usulan ${i + 1} desa ${code}`,
          kegiatanCode: kegiatan[(i * 7 + seed) % kegiatan.length]!,
          location: `RT ${(i % 9) + 1}`,
          estimatedCost: String(10_000_000 + ((i * 1_234_567) % 90_000_000)),
          beneficiaries: String(20 + i * 3),
          beneficiaryNote: '',
          priority: DEFAULT_PRIORITIES[i % DEFAULT_PRIORITIES.length]![0],
          recordedBy: 'Operator',
        },
        ctx,
      ),
    ),
  );
  let musdes = must(
    newMusdes(
      { fiscalYear: year, date: `${year - 1}-10-15`, place: 'Balai desa' },
      proposals.map((p) => p.id),
      DEFAULT_CRITERIA,
      ctx,
    ),
  );
  proposals.forEach((p, i) =>
    DEFAULT_CRITERIA.forEach((c, j) => {
      musdes = must(scoreProposal(musdes, p.id, c.key, (i * 3 + j * 5 + seed) % 6, ctx));
    }),
  );
  const decided = must(
    decideMusdes(
      musdes,
      proposals,
      {
        acceptedIds: proposals.slice(0, PROJECTS).map((p) => p.id),
        attendees: 'Kepala Desa\nKetua BPD',
        attendanceCount: '45',
        note: '',
      },
      ctx,
    ),
  );
  const plan = must(planFromDecision(decided, proposals, {}, [], ctx));
  const income = must(
    createBudgetLine(
      {
        fiscalYear: year,
        kegiatanCode: '',
        accountCode: '4.2.1',
        fundingSource: 'DDS',
        description: 'Dana Desa',
        amount: 5_000_000_000,
      },
      plan.lines,
      ctx,
    ),
  );
  const lines: BudgetLineDoc[] = must(adoptBudget([...plan.lines, income], year, ctx));
  const reports = plan.kegiatan.flatMap((k, i) => {
    const made = [];
    for (let r = 0; r < REPORTS - (i % 5); r++) {
      const date = `${year}-${String(r + 1).padStart(2, '0')}-10`;
      const status = projectStatus(k, { lines, entries: [] }, made, date, 14);
      made.push(
        must(
          progressReportFrom(
            {
              date,
              physicalPercent: String(Math.min(100, (r + 1) * 9)),
              notes: 'Kemajuan pekerjaan',
              reportedBy: 'TPK',
            },
            status,
            { id: ctx.ids.next('progress-report'), photoIds: ['photo:a', 'photo:b'], today: date },
            ctx,
          ),
        ),
      );
    }
    return made;
  });
  return [...proposals, decided, ...plan.kegiatan, ...lines, ...reports];
}

export async function bench(): Promise<object> {
  const server = await startCouchServer();
  const admin = { url: server.url, ...server.admin };
  const now = new Date();
  const year = fiscalYearAt(now);
  try {
    const codes: VillageCode[] = [];
    let documents = 0;
    for (let v = 0; v < VILLAGES; v++) {
      const code = uniqueVillageCode();
      codes.push(code);
      await provisionVillage(admin, { villageCode: code });
      const docs = villageYear(code, year, v).map((d) => ({ ...d, _id: (d as { id: string }).id }));
      documents += docs.length;
      const reply = await couchRequest(admin, 'POST', `${villageDbName(code)}/_bulk_docs`, {
        docs,
      });
      expectStatus(reply, [201], 'Storing a village year');
    }
    const time = async () => {
      const start = performance.now();
      const data = await gatherDashboard(admin, { villages: codes, now });
      return { data, ms: performance.now() - start };
    };
    const cold = await time();
    const warm = await time();
    const renderStart = performance.now();
    const html = renderDashboardPage(warm.data, { now });
    const renderMs = performance.now() - renderStart;
    const projects = warm.data.villages.reduce((n, v) => n + (v.planning?.projects.length ?? 0), 0);
    const proposals = warm.data.villages.reduce(
      (n, v) => n + (v.planning?.proposals.length ?? 0),
      0,
    );
    if (projects !== VILLAGES * PROJECTS || proposals !== VILLAGES * PROPOSALS)
      throw new Error(`Dashboard shows ${projects} projects and ${proposals} proposals.`);
    // One page, as served: the view indexes are warm from the gathers above.
    const pageStart = performance.now();
    const onePage = await gatherDashboardPage(admin, {
      villages: codes,
      now,
      page: 1,
      perPage: DEFAULT_PER_PAGE,
      staleDays: DEFAULT_STALE_DAYS,
    });
    const pageHtml = renderDashboardPage(onePage, { now });
    const onePageMs = performance.now() - pageStart;
    if (onePage.villages.length !== Math.min(DEFAULT_PER_PAGE, VILLAGES))
      throw new Error(`Page 1 shows ${onePage.villages.length} villages.`);
    const result = {
      villages: VILLAGES,
      documents,
      projects,
      proposals,
      coldGatherMs: Math.round(cold.ms),
      warmGatherMs: Math.round(warm.ms),
      renderMs: Math.round(renderMs),
      pageKiB: Math.round(Buffer.byteLength(html) / 1024),
      onePagePerPage: DEFAULT_PER_PAGE,
      onePageGatherAndRenderMs: Math.round(onePageMs),
      onePageKiB: Math.round(Buffer.byteLength(pageHtml) / 1024),
    };
    console.log('Planning dashboard:', result);
    return result;
  } finally {
    await server.stop();
  }
}
