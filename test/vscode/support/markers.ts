/**
 * Lines index.ts logs for the code-server driver (test/vscode/run-code-server.mjs), which sees
 * every log line of the workbench. The extension host cannot write the shell's counts file itself
 * (with a remote host it may run elsewhere), so the driver appends the counts for it.
 */
export const START_MARKER = 'MHA_TESTS_START';
/** Followed by `<passed> <failed> <pending>`. */
export const COUNTS_MARKER = 'MHA_COUNTS';
