/**
 * What the server and the general-features worker (generalWorker.ts) say to each other: a request names a
 * method of dockerfile-language-service and its arguments; the answer is its result or the error's text.
 */
import type { Capabilities, DockerfileLanguageService } from 'dockerfile-language-service';

/** The methods of the general service the server calls (all but setCapabilities, which is the worker's data). */
export type GeneralMethod = Exclude<keyof DockerfileLanguageService, 'setCapabilities' | 'setLogger' | 'validate' | 'computeCodeActions' | 'computeCommandEdits'>;

export type GeneralArgs<M extends GeneralMethod> = Parameters<DockerfileLanguageService[M]>;
export type GeneralResult<M extends GeneralMethod> = Awaited<ReturnType<DockerfileLanguageService[M]>>;

export interface GeneralRequest {
  readonly id: number;
  readonly method: GeneralMethod;
  readonly args: readonly unknown[];
}

export type GeneralReply = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: string };

export interface GeneralWorkerData {
  readonly capabilities: Capabilities;
}
