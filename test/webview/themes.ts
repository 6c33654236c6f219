/**
 * VS Code's colour themes as a webview sees them: the `--vscode-*` variables VS Code sets on the
 * webview's <html> and the theme class on its <body>. Values are VS Code's own (the Dark Modern and
 * Light Modern themes, and the colour registry's defaults for the high-contrast themes) for the
 * variables the diagram and its chrome read.
 */
export type ThemeName = 'dark' | 'light' | 'high-contrast' | 'high-contrast-light';

export interface Theme {
  /** The class VS Code puts on the webview's <body>. */
  bodyClass: string;
  /** The variables, as an inline style for <html>. */
  style: string;
}

/** Each variable's value in dark, light, high-contrast and high-contrast-light (— : not set). */
const TABLE: Record<string, [string, string, string, string]> = {
  'editor-background': ['#1f1f1f', '#ffffff', '#000000', '#ffffff'],
  'editor-foreground': ['#cccccc', '#3b3b3b', '#ffffff', '#292929'],
  foreground: ['#cccccc', '#3b3b3b', '#ffffff', '#292929'],
  descriptionForeground: ['#9d9d9d', '#3b3b3b', '#ffffffb3', '#292929b3'],
  'charts-blue': ['#3794ff', '#1a85ff', '#3794ff', '#1a85ff'],
  'charts-yellow': ['#cca700', '#bf8803', '#ffd370', '#895503'],
  'charts-purple': ['#b180d7', '#652d90', '#b180d7', '#652d90'],
  'charts-green': ['#89d185', '#388a34', '#89d185', '#374e06'],
  'charts-red': ['#f14c4c', '#e51400', '#f48771', '#b5200d'],
  focusBorder: ['#0078d4', '#005fb8', '#f38518', '#006bbd'],
  contrastBorder: ['—', '—', '#6fc3df', '#0f4a85'],
  'panel-border': ['#2b2b2b', '#e5e5e5', '#6fc3df', '#0f4a85'],
  'button-background': ['#0078d4', '#005fb8', '#000000', '#0f4a85'],
  'button-foreground': ['#ffffff', '#ffffff', '#ffffff', '#ffffff'],
  'button-border': ['—', '—', '#6fc3df', '#0f4a85'],
  'button-secondaryBackground': ['—', '#e5e5e5', '#000000', '#ffffff'],
  'button-secondaryForeground': ['—', '#3b3b3b', '#ffffff', '#292929'],
  'button-secondaryHoverBackground': ['—', '#cccccc', '—', '—'],
  'input-background': ['—', '#ffffff', '#000000', '#ffffff'],
  'input-foreground': ['—', '#3b3b3b', '#ffffff', '#292929'],
  'input-border': ['—', '#cecece', '#6fc3df', '#0f4a85'],
  'inputValidation-errorBackground': ['—', '#f2dede', '#000000', '#ffffff'],
  'inputValidation-errorBorder': ['—', '#be1100', '#6fc3df', '#0f4a85'],
  'textLink-foreground': ['—', '#005fb8', '#21a6ff', '#0f4a85'],
  'editorHoverWidget-background': ['—', '#f8f8f8', '#0c141f', '#ffffff'],
  'editorHoverWidget-border': ['—', '#c8c8c8', '#6fc3df', '#0f4a85'],
  'editorIndentGuide-background1': ['#404040', '#d3d3d3', '#e3e4e229', '#cccccc'],
  'font-family': ['system-ui,sans-serif', 'system-ui,sans-serif', 'system-ui,sans-serif', 'system-ui,sans-serif'],
  'font-size': ['13px', '13px', '13px', '13px'],
  'editor-font-family': ['monospace', 'monospace', 'monospace', 'monospace'],
};

const NAMES: ThemeName[] = ['dark', 'light', 'high-contrast', 'high-contrast-light'];

export const THEMES = Object.fromEntries(NAMES.map((name, i) => [name, {
  bodyClass: `vscode-${name}`,
  style: Object.entries(TABLE).filter(([, v]) => v[i] !== '—').map(([k, v]) => `--vscode-${k}:${v[i]}`).join(';'),
}])) as Record<ThemeName, Theme>;

/** WCAG contrast ratio of two sRGB colours (1 to 21). */
export function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]): number => {
    const [r, g, bl] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
