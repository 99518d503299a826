// Asks the register once per distinct query (the address's filters), aborting the request a
// newer query supersedes, so a weak link carries one search at a time. The last answer stays
// shown while the next one loads (no jump to an empty page); a failure replaces it.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Mediator } from '../../api/types';
import { formErrors } from '../../components/errors';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { filtersFromSearch, mediatorQuery } from './filters';

interface Settled {
  /** The request this answers: the query and the attempt. */
  token: string;
  mediators: Mediator[] | undefined;
  error: string | undefined;
}

export interface MediatorResults {
  /** The last list received (perhaps for the previous query while `loading`). */
  mediators: Mediator[] | undefined;
  error: string | undefined;
  loading: boolean;
  retry: () => void;
}

/** `search`: the canonical query string (searchFromFilters), '' for the whole register. */
export function useMediators(search: string): MediatorResults {
  const { t } = useT();
  const { api } = useSession();
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled>({ token: '', mediators: undefined, error: undefined });
  const token = `${search}#${attempt}`;
  const retry = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    api.mediators(mediatorQuery(filtersFromSearch(search)), controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted) setSettled({ token, mediators: answer.items, error: undefined });
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) {
          setSettled({ token, mediators: undefined, error: formErrors(t, failure, []).message });
        }
      },
    );
    return () => {
      controller.abort();
    };
    // One request per query or retry; the language does not change the answer.
  }, [api, token]);
  return { mediators: settled.mediators, error: settled.error, loading: settled.token !== token, retry };
}
