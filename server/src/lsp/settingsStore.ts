/**
 * Settings per resource (`dotnetDockerfile.*`), read from the client when it supports
 * `workspace/configuration`, otherwise from `didChangeConfiguration` / initialization options.
 * Read per document, cached until the configuration changes; never cached globally across resources.
 */
import type { Connection } from 'vscode-languageserver';
import { readRuleSettings, type ServiceSettings } from '../service/diagnostics/settings';
import type { GeneralFeaturesSetting } from './generalFeatures';

export interface DocumentSettings extends ServiceSettings {
  readonly generalFeatures: GeneralFeaturesSetting;
}

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = { rules: {}, generalFeatures: 'auto' };

/** Turns untrusted JSON (the `dotnetDockerfile` section) into settings; bad values fall back to defaults. */
export function readDocumentSettings(section: unknown): DocumentSettings {
  if (!section || typeof section !== 'object') return DEFAULT_DOCUMENT_SETTINGS;
  const record = section as Record<string, unknown>;
  const general = record.generalFeatures;
  return {
    rules: readRuleSettings(record.rules),
    generalFeatures: general === 'on' || general === 'off' || general === 'auto' ? general : 'auto',
  };
}

export class SettingsStore {
  private readonly perResource = new Map<string, Promise<DocumentSettings>>();
  /** The answers already received, per resource. */
  private readonly answers = new Map<string, DocumentSettings>();
  /** The client's latest answer (any resource), since the configuration last changed: the best guess for a new one. */
  private latestAnswer: DocumentSettings | undefined;
  /** Counts configuration changes, so an answer to a request made before one is not taken as the latest. */
  private generation = 0;
  private pushed: DocumentSettings = DEFAULT_DOCUMENT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly pullSupported: () => boolean,
  ) {}

  /** From initializationOptions or a didChangeConfiguration push (clients without workspace/configuration). */
  setPushed(section: unknown): void {
    this.pushed = readDocumentSettings(section);
    this.invalidate();
  }

  invalidate(): void {
    this.perResource.clear();
    this.answers.clear();
    this.latestAnswer = undefined;
    this.generation++;
  }

  forget(uri: string): void {
    this.perResource.delete(uri);
    this.answers.delete(uri);
  }

  /** The last known settings without waiting (for requests on the typing path). */
  peek(uri: string): DocumentSettings | Promise<DocumentSettings> {
    return this.perResource.get(uri) ?? this.pushed;
  }

  /**
   * What `get(uri)` will most likely answer, without waiting: its answer when it has one, else the settings of the
   * latest document the client answered for (documents of one workspace share them), else those the client
   * pushed (initialization options: VS Code's client sends the user's settings there), so work can start during
   * the round trip of a first `get`. Only a guess: compare it with `get`'s answer ({@link sameSettings}) before
   * trusting what was computed with it.
   */
  likely(uri: string): DocumentSettings {
    if (!this.pullSupported()) return this.pushed;
    return this.answers.get(uri) ?? this.latestAnswer ?? this.pushed;
  }

  get(uri: string): Promise<DocumentSettings> {
    if (!this.pullSupported()) return Promise.resolve(this.pushed);
    let settings = this.perResource.get(uri);
    if (!settings) {
      const asked = this.generation;
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'dotnetDockerfile' }).then(
        (section: unknown) => {
          const answer = readDocumentSettings(section);
          // An answer to a request made before the configuration changed is no guess for the new configuration.
          if (asked === this.generation) {
            this.latestAnswer = answer;
            if (this.perResource.has(uri)) this.answers.set(uri, answer);
          }
          return answer;
        },
        () => this.pushed,
      );
      this.perResource.set(uri, settings);
    }
    return settings;
  }
}

/** Whether two settings values mean the same (they come from different JSON answers, so never compared by identity alone). */
export function sameSettings(a: DocumentSettings, b: DocumentSettings): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
