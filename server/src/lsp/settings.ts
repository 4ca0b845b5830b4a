import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION, type WardenSettings } from '../protocol';

/**
 * Settings are pulled per resource (multi-root workspaces and folder settings differ) and cached
 * per URI until the configuration changes or the document closes. Nothing is kept in globals.
 */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<WardenSettings>>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  get(uri: string): Promise<WardenSettings> {
    if (!this.canPull()) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}
