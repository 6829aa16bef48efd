// /shared/{token}: what a recipient reads through a student's consent. No sign-in: the link is the key, and each
// reading is recorded in the student's access log. Read-only: exactly the consented parts.
import { h, fill, $, formatDate, formatTimestamp } from './dom.js';
import { milestoneList } from './timeline.js';
import { stageName } from './vocabulary.js';

const response = await fetch(location.pathname, { headers: { Accept: 'application/json' } }).catch(() => null);
if (!response?.ok) {
  fill($('#page-notice'), h('p', { class: 'notice bad' }, 'This link is not valid or no longer works: it may have been revoked or passed its date.'));
} else {
  const record = await response.json();
  fill($('#title'), `Record of ${record.name}`);
  fill($('#consent'), h('p', {}, `Shared with ${record.recipient} for: ${record.purpose}. Valid until ${formatDate(record.expiresOn)}.`),
    h('p', { class: 'hint' }, `Parts shared: ${record.parts.join(', ')}. Your reading is recorded in the student's access log.`));
  if (record.stage) fill($('#stage'), h('p', {}, 'Stage: ', h('span', { class: 'badge stage', id: 'stage-name' }, stageName(record.stage))));
  fill($('#shared-box'), milestoneList({ milestones: record.milestones }));
  if (record.statements.length) {
    fill($('#statements-box'), h('ul', { class: 'plain', id: 'statements' }, record.statements.map((s) =>
      h('li', { class: 'notice warn' }, h('strong', {}, 'The student disagrees: '), s.text, ` (${formatTimestamp(s.placedAt)})`))));
  }
  $('#record').hidden = false;
}
