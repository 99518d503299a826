// The audit entries as a table: when (the viewer's zone and language), who (their name
// where the admin's list of accounts has them), what (in words where known), which object,
// from which address. On a phone each entry stacks into a small card (styles.css).
import type { AuditEntry, User } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n/context';
import { actionLabel, objectLabel } from './actions';

export function AuditTable({ entries, users }: { entries: readonly AuditEntry[]; users: readonly User[] }) {
  const { t, language } = useT();
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  const heads = {
    at: t('audit.column.at'),
    who: t('audit.column.who'),
    what: t('audit.column.what'),
    object: t('audit.column.object'),
    ip: t('audit.column.ip'),
  };
  return (
    <table class="audit" data-testid="audit-table">
      <caption class="visually-hidden">{t('audit.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{heads.at}</th>
          <th scope="col">{heads.who}</th>
          <th scope="col">{heads.what}</th>
          <th scope="col">{heads.object}</th>
          <th scope="col">{heads.ip}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const label = actionLabel(t, entry.action);
          return (
            <tr key={entry.id} data-testid="audit-entry" data-action={entry.action}>
              <td data-label={heads.at}>
                <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
              </td>
              <td data-label={heads.who}>
                {entry.actor_id ? (names.get(entry.actor_id) ?? <code>{entry.actor_id}</code>) : t('audit.nobody')}
              </td>
              <td data-label={heads.what} data-testid="audit-action-label">
                {label}
                {label !== entry.action && (
                  <>
                    {' '}
                    <code class="audit__code">{entry.action}</code>
                  </>
                )}
                {entry.detail && entry.detail !== '{}' && <code class="audit__detail">{entry.detail}</code>}
              </td>
              <td data-label={heads.object}>
                {objectLabel(t, entry.object_type)}
                {entry.object_id && (
                  <>
                    {' '}
                    <code>{entry.object_id}</code>
                  </>
                )}
              </td>
              <td data-label={heads.ip}>{entry.ip}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
