// /organisations/new (admins) and /organisations/:id/edit (admins; a coordinator for
// their own organisation only): the organisation's name in Kazakh, Russian and English,
// and its region. Created with POST /organisations, changed with PATCH /organisations/{id}.
import { useEffect, useState } from 'preact/hooks';
import type { Organisation, User } from '../../api/types';
import { formErrors } from '../../components/errors';
import { Form } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { LocalTextFields } from '../../components/LocalTextFields';
import { localName } from '../../components/localName';
import { Page } from '../../components/Page';
import { EMPTY_TEXTS, textsOf, type Texts } from '../../components/reception-form/draft';
import { SelectField } from '../../components/TextField';
import { useForm } from '../../components/useForm';
import { useLoad } from '../../components/useLoad';
import { LANGUAGES } from '../../i18n';
import { useT } from '../../i18n/context';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { NotFoundPage } from '../not-found/NotFoundPage';

const FIELDS = ['name', 'name.kk', 'name.ru', 'name.en', 'region'] as const;
const MAX_NAME = 200;

interface OrganisationPageProps {
  user: User;
  /** Absent: a new organisation. */
  organisationId?: string;
}

export function OrganisationPage({ user, organisationId }: OrganisationPageProps) {
  // A coordinator manages only their own organisation (the server answers 404 otherwise).
  if (organisationId && user.role !== 'admin' && user.organisation?.id !== organisationId) return <NotFoundPage />;
  if (!organisationId && user.role !== 'admin') return <NotFoundPage />;
  return <OrganisationEditor organisationId={organisationId} />;
}

function OrganisationEditor({ organisationId }: { organisationId?: string | undefined }) {
  const { t, language } = useT();
  const { api, announce } = useSession();
  const regions = useLoad(() => api.listRegions(), []);
  const [names, setNames] = useState<Texts>(EMPTY_TEXTS);
  const [region, setRegion] = useState('');
  const [current, setCurrent] = useState<Organisation | null>(null);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);

  const adopt = (organisation: Organisation) => {
    setCurrent(organisation);
    setNames(textsOf(organisation.name));
    setRegion(organisation.region);
  };

  useEffect(() => {
    if (!organisationId) return;
    api.listOrganisations().then(
      (list) => {
        const found = list.items.find((o) => o.id === organisationId);
        if (found) adopt(found);
        else setLoadError(t('organisation.notFound'));
      },
      (failure: unknown) => {
        setLoadError(formErrors(t, failure, []).message);
      },
    );
  }, [api, organisationId]);

  const state = useForm({
    fields: FIELDS,
    validate: () => {
      setSaved(undefined);
      const problems: Record<string, string | undefined> = {
        region: region ? undefined : t('validation.required'),
      };
      for (const code of LANGUAGES) {
        const name = names[code].trim();
        problems[`name-${code}`] = !name
          ? t('validation.required')
          : name.length > MAX_NAME
            ? t('validation.tooLong', { max: MAX_NAME })
            : undefined;
      }
      return problems;
    },
    send: async () => {
      const body = { name: { kk: names.kk.trim(), ru: names.ru.trim(), en: names.en.trim() }, region };
      if (organisationId) {
        adopt(await api.updateOrganisation(organisationId, body));
        setSaved(t('organisation.saved'));
      } else {
        const created = await api.createOrganisation(body);
        announce(t('organisation.created', { name: localName(created.name, language) }));
        navigate('/home');
      }
    },
    afterSuccess: organisationId ? 'ready' : 'stay-busy',
    focusServerErrors: true,
  });
  const errors = state.errors.fields;
  // The server names a language's field `name.kk`; the inputs are `organisation-name-kk`.
  const nameError = (code: 'kk' | 'ru' | 'en') => errors[`name-${code}`] ?? errors[`name.${code}`];
  const editing = Boolean(organisationId);

  return (
    <Page title={t(editing ? 'organisation.editTitle' : 'organisation.newTitle')} testId="organisation">
      {current && <p class="lead">{localName(current.name, language)}</p>}
      {editing && organisationId && (
        <p class="links">
          <Link href={`/organisations/${encodeURIComponent(organisationId)}/line`}>{t('line.title')}</Link>
        </p>
      )}
      <LiveMessage kind="error" message={loadError ?? regions.error} testId="organisation-load-error" />
      <LiveMessage kind="status" message={saved} testId="organisation-saved" />
      {editing && !current && !loadError ? (
        <p class="loading">{t('status.loading')}</p>
      ) : (
        !loadError && (
          <Form
            state={state}
            testId="organisation-form"
            errorTestId="organisation-error"
            submit={{
              testId: 'organisation-submit',
              label: t(editing ? 'organisation.save' : 'organisation.create'),
              busyLabel: t('users.saving'),
            }}
          >
            <LocalTextFields
              id="organisation-name"
              legend={t('organisation.names')}
              label={(languageName) => t('organisation.nameIn', { language: languageName })}
              values={names}
              onChange={(code, value) => {
                setNames((current) => ({ ...current, [code]: value }));
              }}
              error={errors.name}
              errors={{ kk: nameError('kk'), ru: nameError('ru'), en: nameError('en') }}
              required
              testId="organisation-name"
            />
            <SelectField
              id="organisation-region"
              label={t('organisations.region')}
              placeholder={t('organisation.chooseRegion')}
              value={region}
              onValue={setRegion}
              options={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: localName(r.name, language) }))}
              error={errors.region}
              required
              testId="organisation-region"
            />
          </Form>
        )
      )}
      <p class="aside">
        <Link href="/home" data-testid="organisation-back">
          {t('organisation.back')}
        </Link>
      </p>
    </Page>
  );
}
