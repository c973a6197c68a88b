/**
 * Settings per resource (`dotnetDockerfile.*`), read from the client when it supports
 * `workspace/configuration`, otherwise from `didChangeConfiguration` / initialization options.
 * Read per document, cached until the configuration changes; never cached globally across resources.
 */
import type { Connection } from 'vscode-languageserver';
import { readRuleSettings, type ServiceSettings } from './service/settings';
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
  private pushed: DocumentSettings = DEFAULT_DOCUMENT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly pullSupported: () => boolean,
  ) {}

  /** From initializationOptions or a didChangeConfiguration push (clients without workspace/configuration). */
  setPushed(section: unknown): void {
    this.pushed = readDocumentSettings(section);
    this.perResource.clear();
  }

  invalidate(): void {
    this.perResource.clear();
  }

  forget(uri: string): void {
    this.perResource.delete(uri);
  }

  /** The last known settings without waiting (for requests on the typing path). */
  peek(uri: string): DocumentSettings | Promise<DocumentSettings> {
    return this.perResource.get(uri) ?? this.pushed;
  }

  get(uri: string): Promise<DocumentSettings> {
    if (!this.pullSupported()) return Promise.resolve(this.pushed);
    let settings = this.perResource.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'dotnetDockerfile' })
        .then(readDocumentSettings, () => this.pushed);
      this.perResource.set(uri, settings);
    }
    return settings;
  }
}
