/** The panel's CSS, injected by main.ts (the CSP allows inline styles, not inline scripts). */
export const CSS = `
:root { color-scheme: light dark; }
body { margin: 0; padding: 0; overflow: hidden; background: var(--vscode-editor-background, #1e1e1e); color: var(--vscode-foreground, #ccc);
  font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); }
#app { display: flex; flex-direction: column; height: 100vh; }
.toolbar { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; padding: 4px 6px; border-bottom: 1px solid var(--vscode-panel-border, #444); }
.toolbar label { display: inline-flex; gap: 3px; align-items: center; color: var(--vscode-descriptionForeground, #999); }
button { background: var(--vscode-button-secondaryBackground, #3a3d41); color: var(--vscode-button-secondaryForeground, #fff); border: 1px solid var(--vscode-button-border, transparent);
  padding: 2px 8px; cursor: pointer; font: inherit; }
button:hover { background: var(--vscode-button-secondaryHoverBackground, #45494e); }
button[aria-pressed="true"], button[aria-selected="true"] { background: var(--vscode-button-background, #0e639c); color: var(--vscode-button-foreground, #fff); }
button:focus-visible, input:focus-visible, select:focus-visible, canvas:focus-visible { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }
input, select { background: var(--vscode-input-background, #3c3c3c); color: var(--vscode-input-foreground, #ccc); border: 1px solid var(--vscode-input-border, #555); font: inherit; padding: 1px 4px; }
input { width: 5em; }
input[type="checkbox"] { width: auto; margin: 0; }
.toolbar label.toggle { color: var(--vscode-foreground, #ccc); margin: 0 8px 0 4px; }
#banner { background: var(--vscode-inputValidation-errorBackground, #5a1d1d); border: 1px solid var(--vscode-inputValidation-errorBorder, #be1100);
  color: var(--vscode-foreground, #eee); padding: 6px 8px; white-space: pre-wrap; font-family: var(--vscode-editor-font-family, monospace); max-height: 24vh; overflow: auto; flex-shrink: 0; }
#banner.warning { background: var(--vscode-inputValidation-warningBackground, #352a05); border-color: var(--vscode-inputValidation-warningBorder, #b89500); }
#banner a, .table a { color: var(--vscode-textLink-foreground, #3794ff); cursor: pointer; text-decoration: underline; }
.tabs { display: flex; gap: 2px; padding: 2px 6px; }
.main { flex: 1; position: relative; min-height: 0; }
#timeline, .table { position: absolute; inset: 0; }
canvas { width: 100%; height: 100%; display: block; cursor: grab; }
.table { overflow: auto; padding: 6px; }
table { border-collapse: collapse; }
td, th { border: 1px solid var(--vscode-panel-border, #444); padding: 2px 6px; text-align: right; }
th { color: var(--vscode-descriptionForeground, #999); font-weight: normal; }
td:first-child, th:first-child { text-align: left; }
th button.sort { background: none; border: 0; color: inherit; padding: 0; }
table.waits tbody tr { cursor: pointer; }
table.waits td:nth-child(-n+3), table.waits th:nth-child(-n+3) { text-align: left; }
table.waits tbody tr:hover, table.waits tbody tr:focus { background: var(--vscode-list-hoverBackground, #2a2d2e); }
#tooltip { position: absolute; pointer-events: none; background: var(--vscode-editorHoverWidget-background, #252526); border: 1px solid var(--vscode-editorHoverWidget-border, #454545);
  padding: 4px 6px; white-space: pre; display: none; z-index: 2; }
/* Room for a selected call's three lines from the start: selecting one must not shrink the diagram under the pointer. */
#details { border-top: 1px solid var(--vscode-panel-border, #444); padding: 4px 8px; min-height: 3.6em; white-space: pre-wrap; }
#status { color: var(--vscode-descriptionForeground, #999); padding: 2px 8px 4px; }
[hidden] { display: none !important; }
`;
