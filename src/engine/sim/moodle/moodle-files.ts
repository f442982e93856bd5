/**
 * How a virtual user uploads to a real Moodle the way a student's browser does: its private files
 * page (user/files.php) hands out a draft area, the file picker's "Upload a file" repository puts
 * the file there (repository/repository_ajax.php), and the page's dynamic form saves the draft into
 * the private files (lib/ajax/service.php, core_form_dynamic_form). The file is then served by
 * pluginfile.php to its owner only. Pure, so it is tested without Moodle; the shapes are Moodle
 * 5.0's answers, read from a real site.
 */

export const MOODLE_FILES_PAGE = 'user/files.php';
export const MOODLE_UPLOAD = 'repository/repository_ajax.php?action=upload';
const PRIVATE_FILES_FORM = 'core_user\\form\\private_files';

/** What the private files page gives the file picker: a fresh draft area and where to upload to. */
export interface DraftArea {
  itemid: string;
  sesskey: string;
  /** The "Upload a file" repository instance (its id differs between sites). */
  repoId: string;
  /** The user's context, where the draft area and the private files live. */
  contextId: string;
}

/** The draft area of user/files.php's file manager, or undefined when the page has none (not that page, or no upload repository). */
export function draftArea(html: string): DraftArea | undefined {
  const itemid = /<input\b[^>]*\bvalue="(\d+)"[^>]*\bname="files_filemanager"/.exec(html)?.[1]
    ?? /<input\b[^>]*\bname="files_filemanager"[^>]*\bvalue="(\d+)"/.exec(html)?.[1];
  const sesskey = /"sesskey":"([^"]+)"/.exec(html)?.[1];
  const repoId = /"id":"(\d+)","name":"(?:[^"\\]|\\.)*","type":"upload"/.exec(html)?.[1];
  const contextId = /"context":\{"id":(\d+)/.exec(html)?.[1];
  return itemid && sesskey && repoId && contextId ? { itemid, sesskey, repoId, contextId } : undefined;
}

/** The upload repository's form fields for one file into the draft area (as the file picker sends them). */
export function uploadForm(area: DraftArea, filename: string, bytes: Buffer): FormData {
  const form = new FormData();
  form.set('repo_upload_file', new Blob([new Uint8Array(bytes)]), filename);
  const fields: Record<string, string> = {
    sesskey: area.sesskey, repo_id: area.repoId, itemid: area.itemid, ctx_id: area.contextId,
    savepath: '/', title: filename, env: 'filemanager', author: 'Replica load', license: 'allrightsreserved',
  };
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/**
 * repository_ajax.php answers 200 whatever happened: the file's draft URL on success, `error` (a bad
 * sesskey, a repository that cannot upload) or `event: fileexists` (the name is taken; nothing was
 * stored under it) otherwise. Returns why the upload did not land, or undefined when it did.
 */
export function uploadRefusal(json: unknown, filename: string): string | undefined {
  const answer = json as { error?: string; event?: string; file?: string; url?: string } | undefined;
  if (!answer || typeof answer !== 'object') return 'repository_ajax.php did not answer with JSON';
  if (answer.error) return answer.error;
  if (answer.event) return `Moodle answered ${answer.event} instead of storing ${filename}`;
  if (answer.file !== filename || !answer.url) return `Moodle stored ${answer.file ?? 'nothing'} instead of ${filename}`;
  return undefined;
}

/** The AJAX call that saves the draft area into the private files, as the page's form submits it. */
export function saveDraftRequest(area: DraftArea): { path: string; init: RequestInit } {
  const formdata = new URLSearchParams({ files_filemanager: area.itemid, sesskey: area.sesskey, _qf__core_user_form_private_files: '1' }).toString();
  return {
    path: `lib/ajax/service.php?sesskey=${encodeURIComponent(area.sesskey)}&info=core_form_dynamic_form`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ index: 0, methodname: 'core_form_dynamic_form', args: { form: PRIVATE_FILES_FORM, formdata } }]),
    },
  };
}

/**
 * Moodle's AJAX answer to the save: `submitted: true` when the form was valid and saved; an
 * exception (the session gone: servicerequireslogin) or the form rendered again (`submitted:
 * false`, it did not validate) otherwise. Returns why it did not save, `session` when the session
 * was lost, or undefined when it saved.
 */
export function saveRefusal(json: unknown): string | undefined {
  const answer = Array.isArray(json) ? json[0] as { error?: boolean; data?: { submitted?: boolean }; exception?: { message?: string; errorcode?: string } } : undefined;
  if (!answer) return 'lib/ajax/service.php did not answer with a JSON list';
  if (answer.error) return answer.exception?.errorcode === 'servicerequireslogin' ? 'session' : answer.exception?.message ?? 'the save failed';
  if (answer.data?.submitted !== true) return 'Moodle did not accept the private files form';
  return undefined;
}

/** Where pluginfile.php serves a private file to its owner. */
export function privateFilePath(area: DraftArea, filename: string): string {
  return `pluginfile.php/${area.contextId}/user/private/${encodeURIComponent(filename)}`;
}
