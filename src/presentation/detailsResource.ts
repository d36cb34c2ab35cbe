import * as l10n from '@vscode/l10n';
import { SubJob } from '../model/subJob';
import { escapeHtml } from './detailsMarkup';
import { MAX_EXTRA_FIELDS } from '../model/resourceFields';

/**
 * An app-server sub-job's job_resource_info as a key/value table: field names as the API sends
 * them, numbers in digits, nested objects and lists as compact JSON in a monospace cell. Every
 * name and value is escaped: it is the service's text.
 */
export function renderResource(subJob: SubJob): string {
  if (subJob.family !== 'appServer') return '';
  const fields = subJob.resource ?? [];
  const title = l10n.t({
    message: 'Resource (job_resource_info)',
    comment: ["Heading of an app-server sub-job's resource fields; job_resource_info is the API's name, keep it"],
  });
  const field = l10n.t({ message: 'Field', comment: ['Column header: the name of a resource field'] });
  const value = l10n.t({ message: 'Value', comment: ['Column header: the value of a resource field'] });
  const body = fields.length
    ? `<table class="resource-fields" aria-labelledby="resource-title">
<thead><tr><th scope="col">${escapeHtml(field)}</th><th scope="col">${escapeHtml(value)}</th></tr></thead>
<tbody>
${fields
  .map(
    (f) =>
      `<tr><th scope="row"><code class="mono">${escapeHtml(f.key)}</code></th><td class="selectable kind-${f.kind}">${
        f.kind === 'json' || f.kind === 'number'
          ? `<code class="mono">${escapeHtml(f.value)}</code>`
          : escapeHtml(f.value)
      }</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`
    : `<p class="empty">${escapeHtml(l10n.t('The service sent no resource fields.'))}</p>`;
  const omitted = subJob.resourceOmitted
    ? `<p class="omitted">${escapeHtml(
        l10n.t({
          message: '{0} more fields left out (past the first {1} unknown ones, or not named as fields are).',
          args: [subJob.resourceOmitted, MAX_EXTRA_FIELDS],
          comment: ["Below an app-server sub-job's resource fields; {0} and {1} are numbers"],
        }),
      )}</p>`
    : '';
  return `<section class="resource-section" aria-labelledby="resource-title" data-part="resource">
<h2 id="resource-title">${escapeHtml(title)}</h2>
${body}${omitted ? `\n${omitted}` : ''}
</section>`;
}
