// A case as its page holds it: loaded once, reloaded on demand, and changed only through
// `act`, which sends the version shown, refuses a second press while a step is on its way
// (a slow link), and on 409 reloads the case and says it changed meanwhile.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Case } from '../../api/cases-client';
import { ApiError } from '../../api/problem';
import { formErrors, type FormErrors } from '../../components/errors';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

export interface CaseState {
  kase: Case | undefined;
  /** The load failed (the message); `reload` tries again. */
  loadError: string | undefined;
  /** 404: not a case this user may see, or none. */
  missing: boolean;
  busy: boolean;
  /** What the last step did, or that the case changed meanwhile. */
  status: string | undefined;
  /** Why the last button's step failed (forms show their own errors). */
  error: string | undefined;
  reload: () => void;
  /**
   * Runs a step with the version shown; answers null when it went through (the case is
   * replaced), or the errors to show (per field for a form's `fields`).
   */
  act: (step: (version: number | undefined) => Promise<Case>, fields?: readonly string[], done?: string) => Promise<FormErrors | null>;
  replace: (next: Case) => void;
}

export function useCase(caseId: string): CaseState {
  const { t } = useT();
  const { api } = useSession();
  const [kase, setCase] = useState<Case | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef(false);
  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    let current = true;
    setLoadError(undefined);
    api.getCase(caseId).then(
      (loaded) => {
        if (!current) return;
        setCase(loaded);
        setMissing(false);
      },
      (failure: unknown) => {
        if (!current) return;
        if (failure instanceof ApiError && failure.status === 404) setMissing(true);
        else setLoadError(formErrors(t, failure, []).message);
      },
    );
    return () => {
      current = false;
    };
  }, [api, caseId, generation]);

  const act: CaseState['act'] = async (step, fields = [], done) => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(true);
    setStatus(undefined);
    setError(undefined);
    try {
      const next = await step(kase?.version);
      setCase(next);
      if (done) setStatus(done);
      return null;
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        reload();
        setStatus(t('cases.changedMeanwhile'));
      }
      const errors = formErrors(t, failure, fields);
      if (fields.length === 0) setError([errors.message, ...errors.other].join(' '));
      return errors;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return { kase, loadError, missing, busy, status, error, reload, act, replace: setCase };
}
