// Loads data once per `deps` change and exposes it with a translated error message.
// Results of a superseded load are dropped.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/context';
import { formErrors } from './errors';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const { t } = useT();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
      },
      (failure: unknown) => {
        if (current) setError(formErrors(t, failure, []).message);
      },
    );
    return () => {
      current = false;
    };
  }, [generation, ...deps]);
  return { data, error, reload };
}
