// Entry point: set up the interface language, then render the app into #app.
import { render } from 'preact';
import { App } from './app';
import { initI18n, initialLanguage } from './i18n';
import { I18nProvider } from './i18n/context';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  void initI18n(initialLanguage()).then(() => {
    render(
      <I18nProvider>
        <App />
      </I18nProvider>,
      root,
    );
  });
}
