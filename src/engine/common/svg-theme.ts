/**
 * Colours for the engine's pictures as CSS custom properties: inside a VS Code webview they follow
 * the editor theme (the --vscode-* variables), in a file opened in a browser they follow the
 * system's light or dark setting. Meaning is never carried by colour alone: every picture also
 * uses text, shapes or patterns.
 */
export const SVG_THEME_STYLE = `
  svg { --fg: var(--vscode-editor-foreground, #1f2937); --muted: var(--vscode-descriptionForeground, #6b7280);
        --bg: var(--vscode-editor-background, #ffffff); --line: var(--vscode-panel-border, #d1d5db);
        --error: var(--vscode-editorError-foreground, #b91c1c); --warning: var(--vscode-editorWarning-foreground, #b45309);
        --info: var(--vscode-editorInfo-foreground, #1d4ed8); --ok: var(--vscode-testing-iconPassed, #15803d); }
  @media (prefers-color-scheme: dark) {
    svg { --fg: var(--vscode-editor-foreground, #e5e7eb); --muted: var(--vscode-descriptionForeground, #9ca3af);
          --bg: var(--vscode-editor-background, #111827); --line: var(--vscode-panel-border, #374151);
          --error: var(--vscode-editorError-foreground, #f87171); --warning: var(--vscode-editorWarning-foreground, #fbbf24);
          --info: var(--vscode-editorInfo-foreground, #93c5fd); --ok: var(--vscode-testing-iconPassed, #4ade80); }
  }
  text { fill: var(--fg); font-family: var(--vscode-font-family, system-ui, sans-serif); }
  .muted { fill: var(--muted); }
  .frame { fill: none; stroke: var(--line); }
`;

/** Five steps of one ramp, light to strong, for counts (nodes per day): paired with the number. */
export const RAMP = ['#dbeafe', '#93c5fd', '#3b82f6', '#1d4ed8', '#1e3a8a'];
/** Text that stays readable on each RAMP step. */
export const RAMP_TEXT = ['#1e3a8a', '#1e3a8a', '#ffffff', '#ffffff', '#ffffff'];
