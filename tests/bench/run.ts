// `npm run bench`: every benchmark side by side in one run. Each prints its own lines; the last
// line of the run is one JSON object with every figure, keyed by benchmark.
// A benchmark is a module in this folder exporting `bench(): Promise<object>`, listed here.
import { bench as backup } from './backup';
import { bench as dukcapilList } from './dukcapil-list';
import { bench as dukcapilLink } from './dukcapil-link';
import { bench as financeImport } from './finance-import';
import { bench as hubGuards } from './hub-guards';
import { bench as letterRender } from './letter-render';
import { bench as manyVillages } from './many-villages';
import { bench as monthlyReport } from './monthly-report';
import { bench as photoLane } from './photo-lane';
import { bench as planningDashboard } from './planning-dashboard';
import { bench as residentSearch } from './resident-search';
import { bench as staffSignIn } from './staff-sign-in';
import { bench as syncPush } from './sync-push';
import { bench as villageDay } from './village-day';
import { bench as villageLink } from './village-link';
import { bench as officeHub } from './office-hub';
import { bench as treasuryBooks } from './treasury-books';

const BENCHMARKS: Record<string, () => Promise<object>> = {
  financeImport,
  letterRender,
  residentSearch,
  syncPush,
  villageDay,
  photoLane,
  planningDashboard,
  manyVillages,
  hubGuards,
  staffSignIn,
  backup,
  dukcapilList,
  monthlyReport,
  dukcapilLink,
  villageLink,
  officeHub,
  treasuryBooks,
};

const only = process.env.BENCH_ONLY?.split(',');
const figures: Record<string, object> = {};
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (only && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  figures[name] = await run();
}
console.log(JSON.stringify(figures));
