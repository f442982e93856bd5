import * as vscode from 'vscode';

/** The user pressed the Back button. `undefined` means they cancelled (Escape). */
export const BACK = Symbol('back');
export type Answer<T> = T | typeof BACK | undefined;

export interface StepPosition {
  title: string;
  /** Absent for a question outside the numbered steps (the path choice). */
  step?: number;
  totalSteps?: number;
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/** One QuickPick step, with a Back button after the first step. */
export function pickStep<T>(at: StepPosition, placeholder: string, items: PickItem<T>[], current: T): Promise<Answer<T>> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<PickItem<T>>();
    Object.assign(pick, at, { placeholder, items, ignoreFocusOut: true, buttons: (at.step ?? 0) > 1 ? [vscode.QuickInputButtons.Back] : [] });
    const active = items.find((i) => i.value === current);
    if (active) pick.activeItems = [active];
    let done = false;
    const finish = (answer: Answer<T>) => { if (!done) { done = true; resolve(answer); pick.dispose(); } };
    pick.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish(BACK); });
    pick.onDidAccept(() => { const chosen = pick.selectedItems[0]; if (chosen) finish(chosen.value); });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

/** One InputBox step; `validate` runs as the user types, and an invalid value cannot be accepted. */
export function inputStep(at: StepPosition, prompt: string, value: string, validate: (text: string) => string | undefined): Promise<Answer<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    Object.assign(box, at, { prompt, value, ignoreFocusOut: true, buttons: (at.step ?? 0) > 1 ? [vscode.QuickInputButtons.Back] : [] });
    let done = false;
    const finish = (answer: Answer<string>) => { if (!done) { done = true; resolve(answer); box.dispose(); } };
    const check = (text: string) => { box.validationMessage = validate(text); return box.validationMessage === undefined; };
    check(value);
    box.onDidChangeValue(check);
    box.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish(BACK); });
    box.onDidAccept(() => { if (check(box.value)) finish(box.value); });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
