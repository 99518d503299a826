// What citizens wrote with their ratings, for the reception's coordinators: newest first, a
// page at a time ("show older" asks for the next page after the last one shown).
import { useEffect, useState } from 'preact/hooks';
import type { FeedbackComment } from '../../api/types';
import { formErrors } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

export function Comments({ receptionId }: { receptionId: string }) {
  const { t, language } = useT();
  const { api } = useSession();
  const [items, setItems] = useState<FeedbackComment[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = async (before: string | undefined, current: () => boolean) => {
    setLoading(true);
    try {
      const page = await api.comments(receptionId, before);
      if (!current()) return;
      setItems((shown) => (before ? [...shown, ...page.items] : page.items));
      setNext(page.next);
      setError(undefined);
    } catch (failure) {
      if (current()) setError(formErrors(t, failure, []).message);
    } finally {
      if (current()) setLoading(false);
    }
  };

  useEffect(() => {
    let current = true;
    setItems([]);
    setNext(null);
    void load(undefined, () => current);
    return () => {
      current = false;
    };
  }, [receptionId]);

  return (
    <section class="card" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('figures.comments')}</h2>
      <LiveMessage kind="error" message={error} />
      {items.length === 0 && !loading && !error && <p>{t('figures.noComments')}</p>}
      {items.length > 0 && (
        <ul class="rows" data-testid="figures-comments">
          {items.map((c) => (
            <li key={c.ticket_id} class="row">
              <span class="summary-text">{c.comment}</span>
              <span class="row__meta">
                {formatDateTime(c.at, language)} · {t('feedback.stars', { count: c.rating })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {loading && <p class="loading">{t('status.loading')}</p>}
      {next && !loading && (
        <p>
          <button
            type="button"
            class="button button--secondary"
            data-testid="figures-comments-older"
            onClick={() => void load(next, () => true)}
          >
            {t('figures.olderComments')}
          </button>
        </p>
      )}
    </section>
  );
}
