/** The benchmark panel's look: VS Code's theme variables throughout, uPlot's own sheet first. */
import UPLOT_CSS from 'uplot/dist/uPlot.min.css';

export const CSS = `${UPLOT_CSS}
body { margin: 0; padding: 8px 16px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
#form { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
#form label { display: inline-flex; gap: 4px; align-items: center; }
#form label > span { color: var(--vscode-descriptionForeground); }
input, select { background: var(--vscode-input-background, #3c3c3c); color: var(--vscode-input-foreground, inherit);
  border: 1px solid var(--vscode-input-border, #555); padding: 2px 4px; font: inherit; }
input[type=checkbox] { accent-color: var(--vscode-focusBorder); }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: 0; padding: 4px 12px; cursor: pointer; font: inherit; }
button.secondary { background: var(--vscode-button-secondaryBackground, #3a3d41); color: var(--vscode-button-secondaryForeground, inherit); }
button:disabled { opacity: 0.5; cursor: default; }
#actions { display: flex; gap: 8px; align-items: center; margin: 8px 0; }
#actions progress { flex: 1; max-width: 320px; }
#status { color: var(--vscode-descriptionForeground); }
#error { color: var(--vscode-errorForeground, #f14c4c); white-space: pre-wrap; font-family: var(--vscode-editor-font-family); }
.headline { font-size: 1.15em; margin: 8px 0 2px; }
.muted { color: var(--vscode-descriptionForeground); margin: 0 0 8px; }
#charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 12px; }
.uplot { font-family: inherit; }
.uplot .u-title { font-size: 1em; font-weight: 600; }
.uplot .u-legend { font-size: 0.9em; }
#overhead .bar { display: flex; height: 18px; max-width: 720px; border: 1px solid var(--vscode-panel-border); }
#overhead .legend { display: flex; gap: 14px; flex-wrap: wrap; color: var(--vscode-descriptionForeground); }
#overhead i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.start { background: var(--vscode-charts-yellow, #cca700); }
.transfer { background: var(--vscode-charts-blue, #3794ff); }
.compute { background: var(--vscode-charts-green, #89d185); }
.rest { background: var(--vscode-charts-purple, #b180d7); }
#saved { margin-top: 12px; }
#saved li { margin: 2px 0; }
#saved button { padding: 1px 8px; margin-left: 6px; }
table { border-collapse: collapse; margin-top: 6px; }
th, td { padding: 2px 10px; text-align: right; border-bottom: 1px solid var(--vscode-panel-border); }
th:first-child, td:first-child { text-align: left; }
`;
