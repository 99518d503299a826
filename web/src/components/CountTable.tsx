// A small table of counts by some dimension (category, kind, region…), largest first,
// with a caption; the labels are translated by the caller. A withheld count (null: a public
// figure from 1 to 4) reads "fewer than 5" and sorts after the shown ones.
import { useT } from '../i18n/context';

interface CountTableProps {
  caption: string;
  counts: Record<string, number | null>;
  label: (key: string) => string;
  testId?: string;
}

export function CountTable({ caption, counts, label, testId }: CountTableProps) {
  const { t } = useT();
  const rows = Object.entries(counts).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0) || a[0].localeCompare(b[0]));
  return (
    <table class="counts" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('figures.what')}</th>
          <th scope="col" class="counts__number">
            {t('figures.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2}>{t('figures.none')}</td>
          </tr>
        ) : (
          rows.map(([key, count]) => (
            <tr key={key}>
              <th scope="row">{label(key)}</th>
              <td class="counts__number" data-key={key}>
                {count ?? t('figures.fewerThan', { n: 5 })}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
