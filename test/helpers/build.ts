/** The build model of a parsed document, as tests ask for its facts (the same object features read). */
import type { DockerfileModel } from '../../server/src/service';
import type { ProjectFacts } from '../../server/src/service/context';
import { buildOf, type Build } from '../../server/src/service/document/build';
import type { Stage } from '../../server/src/service/document/stages';
import type { EnvironmentLookup, StageEnvironment } from '../../server/src/service/document/environment';
import type { ImageReference } from '../../server/src/service/images/imageReference';
import type { CatalogIndex } from '../../server/src/service/catalog/catalogIndex';
import { realCatalog, TODAY } from './service';

export function buildFor(model: DockerfileModel, options: { project?: ProjectFacts; catalog?: CatalogIndex | undefined; today?: string } = {}): Build {
  const catalog = 'catalog' in options ? options.catalog : realCatalog();
  return buildOf(model, { catalog, today: options.today ?? TODAY, project: options.project, snippetSupport: true });
}

export function environmentAt(model: DockerfileModel, stage: Stage, offset: number): StageEnvironment {
  return buildFor(model).stage(stage).environmentAt(offset);
}

export function environmentLookupAt(model: DockerfileModel, stage: Stage, offset: number): EnvironmentLookup {
  return buildFor(model).stage(stage).lookupAt(offset);
}

/** The stage and the stages it is built FROM, itself first. */
export function lineage(model: DockerfileModel, stage: Stage): readonly Stage[] {
  return buildFor(model).stage(stage).lineage();
}

/** The image a stage finally runs on; undefined for scratch. */
export function rootImage(model: DockerfileModel, stage: Stage): ImageReference | undefined {
  const facts = buildFor(model).stage(stage);
  return facts.scratch ? undefined : (facts.root.image ?? undefined);
}
