/**
 * Short runs of the fuzz properties (test/fuzz/properties.ts) on the pure service: whatever the text, the
 * position or the range, nothing throws, every range lies inside the document, every completion edit and
 * every code action edit applies, and every fixed text parses and validates again.
 * `npm run fuzz -- --runs N` runs the same properties for as long as you like.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyCoverage } from '../../fuzz/checks';
import { runCase, serviceProperties } from '../../fuzz/properties';

/** Runs per property: enough to reach the rules and fixes, small enough for `npm test` (a few seconds). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

for (const property of serviceProperties()) {
  test(`service invariants hold for ${property.name}`, () => {
    const coverage = emptyCoverage();
    fc.assert(
      fc.property(property.arbitrary, (c) => runCase(c, coverage)),
      { numRuns: RUNS },
    );
    // The inputs must reach the features, or passing proves nothing.
    assert.equal(coverage.documents >= RUNS, true);
    if (property.name !== 'arbitrary UTF-16 text') {
      assert.ok(coverage.diagnostics > RUNS / 10, `only ${coverage.diagnostics} diagnostics in ${RUNS} runs`);
      assert.ok(coverage.completionItems > 0, 'no completion item was offered');
      assert.ok(coverage.editsApplied > 0, 'no code action edit was applied');
    }
  });
}
