/**
 * What VS Code gives the webview: acquireVsCodeApi, to post to the panel host and to keep the view
 * state across hide/show and window reloads.
 */
import type { FilterState } from './filters.js';
import type { WebviewToHost } from './protocol.js';
import type { Tab } from './views.js';
import type { Orientation, TimeMode } from './viewport.js';

export interface SavedState {
  orientation: Orientation;
  timeMode: TimeMode;
  window?: [number, number];
  filters: FilterState;
  tab: Tab;
}

export interface VsCodeApi {
  postMessage(m: WebviewToHost): void;
  getState(): SavedState | undefined;
  setState(s: SavedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The API (VS Code allows one call of acquireVsCodeApi per page). */
export const vscode = acquireVsCodeApi();
