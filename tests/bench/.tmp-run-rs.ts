import { bench } from '/work/main/tests/bench/resident-search.ts';
console.log(JSON.stringify(await bench()));
