// Adds a specialist (or, for an admin, a coordinator) with POST /api/v1/users.
// A coordinator adds people to their own organisation; an admin picks one.
import { useRef, useState } from 'preact/hooks';
import {
  CATEGORIES,
  SPECIALIST_KINDS,
  type Category,
  type Organisation,
  type SpecialistKind,
  type StaffRole,
  type User,
} from '../api/types';
import { LANGUAGES, type Language } from '../i18n';
import { useT } from '../i18n/context';
import { useSession } from '../session';
import { ChoiceGroup } from './ChoiceGroup';
import { formErrors, focusFirstInvalid, type FormErrors } from './errors';
import { LiveMessage } from './LiveMessage';
import { localName } from './localName';
import { TextField } from './TextField';
import { isEmail, MIN_PASSWORD_LENGTH } from './validation';

const FIELDS = [
  'display_name',
  'email',
  'password',
  'role',
  'kinds',
  'organisation_id',
  'languages',
  'categories',
] as const;
const NO_ERRORS: FormErrors = { message: '', fields: {}, other: [] };

interface StaffFormProps {
  title: string;
  roles: readonly StaffRole[];
  /** Either a fixed organisation (coordinator) or a list to choose from (admin). */
  organisation: { fixed: string } | { choices: Organisation[] };
  onCreated: (user: User) => void;
}

export function StaffForm({ title, roles, organisation, onCreated }: StaffFormProps) {
  const { t, language } = useT();
  const { api, announce } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<StaffRole>(roles[0] ?? 'specialist');
  const [kinds, setKinds] = useState<SpecialistKind[]>([]);
  const [organisationId, setOrganisationId] = useState('fixed' in organisation ? organisation.fixed : '');
  const [languages, setLanguages] = useState<Language[]>([language]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const validate = (): FormErrors => {
    const fields: Record<string, string> = {};
    if (!displayName.trim()) fields.display_name = t('validation.required');
    if (!email.trim()) fields.email = t('validation.required');
    else if (!isEmail(email)) fields.email = t('validation.email');
    if (password.length < MIN_PASSWORD_LENGTH) {
      fields.password = t('validation.passwordLength', { min: MIN_PASSWORD_LENGTH });
    }
    if (role === 'specialist' && kinds.length === 0) fields.kinds = t('validation.chooseOne');
    if (!organisationId) fields.organisation_id = t('validation.required');
    if (languages.length === 0) fields.languages = t('validation.chooseOne');
    const message = Object.keys(fields).length > 0 ? t('validation.summary') : '';
    return { message, fields, other: [] };
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const local = validate();
    setErrors(local);
    if (!local.message) {
      setBusy(true);
      try {
        const created = await api.createUser({
          display_name: displayName.trim(),
          email: email.trim(),
          password,
          role,
          kinds: role === 'specialist' ? kinds : [],
          organisation_id: organisationId,
          languages,
          categories: role === 'specialist' ? categories : [],
        });
        setDisplayName('');
        setEmail('');
        setPassword('');
        setKinds([]);
        setCategories([]);
        announce(t('status.userCreated', { name: created.display_name }));
        onCreated(created);
      } catch (error) {
        setErrors(formErrors(t, error, FIELDS));
      }
      setBusy(false);
    }
    requestAnimationFrame(() => {
      focusFirstInvalid(form.current);
    });
  };

  return (
    <section class="card" aria-labelledby="staff-form-title">
      <h2 id="staff-form-title">{title}</h2>
      <form ref={form} class="form" noValidate onSubmit={(event) => void onSubmit(event)} data-testid="staff-form">
        <LiveMessage kind="error" message={errors.message} details={errors.other} />
        <TextField
          id="staff-display_name"
          label={t('field.displayName')}
          autoComplete="off"
          required
          value={displayName}
          onValue={setDisplayName}
          error={errors.fields.display_name}
        />
        <TextField
          id="staff-email"
          label={t('field.email')}
          type="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          required
          value={email}
          onValue={setEmail}
          error={errors.fields.email}
        />
        <TextField
          id="staff-password"
          label={t('field.password')}
          type="password"
          autoComplete="new-password"
          required
          hint={t('staffForm.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          value={password}
          onValue={setPassword}
          error={errors.fields.password}
        />
        {roles.length > 1 && (
          <ChoiceGroup<StaffRole>
            id="staff-role"
            type="radio"
            legend={t('field.role')}
            options={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
            selected={[role]}
            onChange={(selected) => {
              setRole(selected[0] ?? 'specialist');
            }}
            error={errors.fields.role}
          />
        )}
        {role === 'specialist' && (
          <ChoiceGroup<SpecialistKind>
            id="staff-kinds"
            type="checkbox"
            legend={t('field.kinds')}
            options={SPECIALIST_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))}
            selected={kinds}
            onChange={setKinds}
            error={errors.fields.kinds}
          />
        )}
        {role === 'specialist' && (
          <ChoiceGroup<Category>
            id="staff-categories"
            type="checkbox"
            legend={t('field.categories')}
            options={CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) }))}
            selected={categories}
            onChange={setCategories}
            error={errors.fields.categories}
          />
        )}
        {'choices' in organisation && (
          <div class={errors.fields.organisation_id ? 'field field--invalid' : 'field'}>
            <label for="staff-organisation">{t('field.organisation')}</label>
            <select
              id="staff-organisation"
              value={organisationId}
              required
              aria-invalid={errors.fields.organisation_id ? 'true' : undefined}
              aria-describedby={errors.fields.organisation_id ? 'staff-organisation-error' : undefined}
              onChange={(event) => {
                setOrganisationId(event.currentTarget.value);
              }}
            >
              <option value="">{t('field.chooseOrganisation')}</option>
              {organisation.choices.map((o) => (
                <option key={o.id} value={o.id}>
                  {localName(o.name, language)}
                </option>
              ))}
            </select>
            {errors.fields.organisation_id && (
              <p id="staff-organisation-error" class="field__error">
                {errors.fields.organisation_id}
              </p>
            )}
          </div>
        )}
        <ChoiceGroup<Language>
          id="staff-languages"
          type="checkbox"
          legend={t('field.languages')}
          options={LANGUAGES.map((code) => ({ value: code, label: t(`language.${code}`), lang: code }))}
          selected={languages}
          onChange={setLanguages}
          error={errors.fields.languages}
        />
        <button type="submit" class="button" disabled={busy} data-testid="staff-submit">
          {busy ? t('staffForm.submitting') : t('staffForm.submit')}
        </button>
      </form>
    </section>
  );
}
