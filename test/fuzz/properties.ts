/**
 * The service properties, shared by the short run in `npm test` (test/unit/property/) and the long runs of
 * `npm run fuzz`: three sources of text (any UTF-16, Dockerfile token soup, real Dockerfiles with random
 * edits), each probed at random positions and ranges with random project facts, settings, dates and
 * with or without the catalog.
 */
import fc from 'fast-check';
import type { DotnetDockerfileService } from '../../server/src/service';
import { FIX_ALL_KIND } from '../../server/src/protocol';
import { RULE_IDS } from '../../server/src/service/diagnostics/ruleRegistry';
import { testService } from '../helpers/service';
import { anyText, editedCorpus, positionIn, projectFacts, rangeIn, settingsFor, soupText, today } from './arbitraries';
import { checkDocument, type Coverage, type Probe } from './checks';
import { loadCorpus } from './corpus';

export interface FuzzCase {
  readonly source: string;
  readonly text: string;
  readonly probe: Probe;
  readonly today: string;
  readonly withCatalog: boolean;
}

const ONLY = [undefined, ['quickfix'], ['refactor'], ['refactor.rewrite'], ['source'], ['source.fixAll'], [FIX_ALL_KIND]];

function withProbe(source: string, text: fc.Arbitrary<string>): fc.Arbitrary<FuzzCase> {
  return text.chain((t) =>
    fc.record({
      source: fc.constant(source),
      text: fc.constant(t),
      today,
      // The catalog can fail to load; every feature must then stay quiet, never throw.
      withCatalog: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      probe: fc.record({
        positions: fc.array(positionIn(t), { minLength: 1, maxLength: 4 }),
        ranges: fc.array(rangeIn(t), { maxLength: 2 }),
        only: fc.array(fc.constantFrom(...ONLY), { minLength: 2, maxLength: 2 }),
        options: fc.record({ settings: settingsFor(RULE_IDS), project: projectFacts }),
      }),
    }),
  );
}

export interface ServiceProperty {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<FuzzCase>;
}

/** The properties, by input source. */
export function serviceProperties(): ServiceProperty[] {
  const corpus = loadCorpus();
  return [
    { name: 'arbitrary UTF-16 text', arbitrary: withProbe('any text', anyText) },
    { name: 'Dockerfile token soup', arbitrary: withProbe('token soup', soupText) },
    { name: `real Dockerfiles (${corpus.length}) with random edits`, arbitrary: editedCorpus(corpus).chain(({ name, text }) => withProbe(name, fc.constant(text))) },
  ];
}

const services = new Map<string, DotnetDockerfileService>();

function serviceFor(c: FuzzCase): DotnetDockerfileService {
  const key = `${c.today}|${c.withCatalog}`;
  let service = services.get(key);
  if (!service) {
    service = c.withCatalog ? testService({ today: c.today }) : testService({ today: c.today, catalog: undefined });
    services.set(key, service);
  }
  return service;
}

/** Checks one case; throws (with the source named) on the first broken invariant. */
export function runCase(c: FuzzCase, coverage: Coverage): void {
  checkDocument(serviceFor(c), c.text, c.probe, coverage);
}
