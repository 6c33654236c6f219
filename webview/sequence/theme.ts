/**
 * Colours come from VS Code's theme variables (set on the webview's <html>), so light, dark and
 * high-contrast themes all stay legible; the fallbacks serve a page opened outside VS Code.
 */
export interface Palette {
  background: string;
  foreground: string;
  muted: string;
  lifeline: string;
  box: string;
  blocked: string;
  collective: string;
  arrow: string;
  red: string;
  selection: string;
  font: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readPalette(): Palette {
  const s = getComputedStyle(document.documentElement);
  return {
    background: cssVar(s, '--vscode-editor-background', '#1e1e1e'),
    foreground: cssVar(s, '--vscode-editor-foreground', '#d4d4d4'),
    muted: cssVar(s, '--vscode-descriptionForeground', '#9d9d9d'),
    lifeline: cssVar(s, '--vscode-editorIndentGuide-background1', '#404040'),
    box: cssVar(s, '--vscode-charts-blue', '#3794ff'),
    blocked: cssVar(s, '--vscode-charts-yellow', '#cca700'),
    collective: cssVar(s, '--vscode-charts-purple', '#b180d7'),
    arrow: cssVar(s, '--vscode-charts-green', '#89d185'),
    red: cssVar(s, '--vscode-charts-red', '#f14c4c'),
    selection: cssVar(s, '--vscode-focusBorder', '#007fd4'),
    font: `${cssVar(s, '--vscode-editor-font-size', '12px')} ${cssVar(s, '--vscode-font-family', 'sans-serif')}`,
  };
}
