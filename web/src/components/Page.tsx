// The main landmark of a screen: its <h1>, the document title, and focus moved to the
// heading after an in-app navigation so screen-reader users hear where they are.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/context';

let firstScreen = true;

interface PageProps {
  title: string;
  testId?: string;
  children: ComponentChildren;
}

export function Page({ title, testId, children }: PageProps) {
  const { t } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);
  useEffect(() => {
    if (firstScreen) firstScreen = false;
    else heading.current?.focus();
  }, []);
  return (
    <main id="main" class="page" data-testid={testId}>
      <h1 ref={heading} tabIndex={-1} data-testid={testId ? `${testId}-title` : undefined}>
        {title}
      </h1>
      {children}
    </main>
  );
}
