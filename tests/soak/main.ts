/**
 * `npm run soak [-- --operations 500 --fault-rate 0.4 --concurrency 8 --seed 12]`: see soak-run.ts. Exits 1 when
 * any text was duplicated or lost or any failure was silent, or when a fault kind was injected fewer than 20 times.
 */
import { parseArgs } from 'node:util';
import { FAULT_KINDS, formatReport, runSoak, soakFailed } from './soak-run';

const { values } = parseArgs({
  options: {
    operations: { type: 'string', default: '500' },
    'fault-rate': { type: 'string', default: '0.4' },
    concurrency: { type: 'string', default: '8' },
    seed: { type: 'string', default: '12' },
    'min-per-fault': { type: 'string', default: '20' },
  },
});

const report = await runSoak({
  operations: Number(values.operations),
  faultRate: Number(values['fault-rate']),
  concurrency: Number(values.concurrency),
  seed: Number(values.seed),
  log: (line) => console.log(line),
});
console.log(`\n${formatReport(report)}\n`);
for (const problem of report.problems) console.log(`  ${problem}`);
const minimum = Number(values['min-per-fault']);
const thin = FAULT_KINDS.filter((kind) => report.faultsInjected[kind] < minimum);
if (thin.length > 0) console.log(`Fault kinds injected fewer than ${minimum} times: ${thin.join(', ')}`);
process.exitCode = soakFailed(report) || thin.length > 0 ? 1 : 0;
