// @vitest-environment node
// The reduced soak (the full one is `npm run soak`): the real client, the real HTTP stand-in, a fetch that re-sends
// like Chromium, and every kind of fault. No text twice, none lost, no failure the rep is not told about.
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, formatReport, runSoak } from '../../soak/soak-run';

describe('reduced soak', () => {
  it('64 operations with every fault kind: 0 duplicates, 0 lost, 0 silent', { timeout: 120_000 }, async () => {
    const report = await runSoak({ operations: 64, faultRate: 0.4, concurrency: 8, seed: 7 });
    const table = formatReport(report);
    expect(report.operations, table).toBeGreaterThanOrEqual(60);
    for (const kind of FAULT_KINDS) expect(report.faultsInjected[kind], `${kind}\n${table}`).toBeGreaterThan(0);
    expect(
      { duplicates: report.duplicates, lost: report.lost, silent: report.silent },
      `${table}\n${report.problems.join('\n')}`,
    ).toEqual({
      duplicates: 0,
      lost: 0,
      silent: 0,
    });
  });
});
