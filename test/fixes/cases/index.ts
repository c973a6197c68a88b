/** Every fix case, by family. A new case goes into its family's module; the oracle derives its images from it. */
import type { FixCase } from './fixCase';
import { execFormCases } from './execForm';
import { moveToSdkStageCases } from './moveToSdkStage';
import { replacementCases } from './replacements';
import { switchToShellImageCases } from './switchToShellImage';
import { commandUnderImageEntrypointCases } from './commandUnderImageEntrypoint';
import { healthCheckCases } from './healthChecks';

export const fixCases: readonly FixCase[] = [
  ...execFormCases,
  ...commandUnderImageEntrypointCases,
  ...switchToShellImageCases,
  ...moveToSdkStageCases,
  ...healthCheckCases,
  ...replacementCases,
];
