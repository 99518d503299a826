// A card listing rows under a heading and a count, or saying the list is empty. Its
// texts are `<name>.title`, `<name>.count` (plural) and `<name>.empty`.
import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/context';

interface ListCardProps {
  name: 'users' | 'organisations';
  testId: string;
  count: number;
  /** The rows, as <li class="row">. */
  children: ComponentChildren;
}

export function ListCard({ name, testId, count, children }: ListCardProps) {
  const { t } = useT();
  return (
    <section class="card" aria-labelledby={`${name}-title`} data-testid={testId}>
      <h2 id={`${name}-title`}>{t(`${name}.title`)}</h2>
      <p class="count">{t(`${name}.count`, { count })}</p>
      {count === 0 ? <p>{t(`${name}.empty`)}</p> : <ul class="rows">{children}</ul>}
    </section>
  );
}
