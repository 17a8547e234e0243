/**
 * Live-reload reports as the terminal shows them: one readable line each, instead of the JSON
 * log lines a server writes.
 */
import type { CoreLogger } from '../../core/types.js';

/** One line for a content watcher's report, or undefined for reports a person need not see. */
export function reloadNotice(fields: object, message: string | undefined): string | undefined {
  const f = fields as { event?: string; file?: string; reason?: string; added?: string[]; changed?: string[]; removed?: string[] };
  switch (f.event) {
    case 'content_reloaded': {
      const parts = [
        f.added?.length ? `added ${f.added.join(', ')}` : '',
        f.changed?.length ? `updated ${f.changed.join(', ')}` : '',
        f.removed?.length ? `removed ${f.removed.join(', ')}` : '',
      ].filter(Boolean);
      return parts.length > 0 ? `Articles reloaded: ${parts.join('; ')}.` : undefined;
    }
    case 'content_file_invalid':
      // The reason already names the file (and line) and the fix.
      return `! ${f.reason ?? f.file ?? 'an article file is invalid'} (Its previous version, if any, is kept.)`;
    default:
      return message ? `! ${message}${f.reason ? `: ${f.reason}` : ''}` : undefined;
  }
}

/** A logger for the content watcher that shows its reports as terminal notices. */
export function noticeLogger(notify: (line: string) => void): CoreLogger {
  const show = (fields: object, message?: string) => {
    const line = reloadNotice(fields, message);
    if (line) notify(line);
  };
  return { info: show, warn: show };
}
