import * as vscode from 'vscode';

/** A status-bar item while AWS's validator builds its engine (a few seconds, once per session). */
export function showValidatorStarting(ready: Promise<void>): void {
  const item = vscode.window.createStatusBarItem('moodleHa.validatorStatus', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Moodle HA validator';
  item.text = '$(sync~spin) Moodle HA: starting AWS validator';
  item.tooltip = "AWS's CloudFormation validator is loading in the background; Moodle HA rules already run.";
  item.show();
  ready.then(
    () => item.dispose(),
    (error: Error) => {
      item.text = '$(warning) Moodle HA: AWS validator unavailable';
      item.tooltip = `${error.message}\nOnly the Moodle HA rules run. Click to open the log.`;
      item.command = 'moodleHa.log.show';
    },
  );
}
