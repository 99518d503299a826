// Adds a specialist (or, for an admin, a coordinator) with POST /api/v1/users.
// A coordinator adds people to their own organisation; an admin picks one.
import { useState } from 'preact/hooks';
import {
  CATEGORIES,
  SPECIALIST_KINDS,
  type Category,
  type Organisation,
  type SpecialistKind,
  type StaffRole,
  type User,
} from '../api/types';
import type { Language } from '../i18n';
import { useT } from '../i18n/context';
import { useSession } from '../session';
import { ChoiceGroup } from './ChoiceGroup';
import {
  DisplayNameField,
  EmailField,
  Form,
  languageOptions,
  PasswordField,
  valueOptions,
} from './fields';
import { localName } from './localName';
import { SelectField } from './TextField';
import { useForm, useTextValue } from './useForm';
import { checkEmail, checkNewPassword, checkRequired, MIN_PASSWORD_LENGTH } from './validation';

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
  const displayName = useTextValue();
  const email = useTextValue();
  const password = useTextValue();
  const [role, setRole] = useState<StaffRole>(roles[0] ?? 'specialist');
  const [kinds, setKinds] = useState<SpecialistKind[]>([]);
  const [organisationId, setOrganisationId] = useState('fixed' in organisation ? organisation.fixed : '');
  const [languages, setLanguages] = useState<Language[]>([language]);
  const [categories, setCategories] = useState<Category[]>([]);
  const specialist = role === 'specialist';
  const state = useForm({
    fields: FIELDS,
    validate: () => ({
      display_name: checkRequired(t, displayName.value),
      email: checkEmail(t, email.value),
      password: checkNewPassword(t, password.value),
      kinds: specialist && kinds.length === 0 ? t('validation.chooseOne') : undefined,
      organisation_id: organisationId ? undefined : t('validation.required'),
      languages: languages.length === 0 ? t('validation.chooseOne') : undefined,
    }),
    send: async () => {
      const created = await api.createUser({
        display_name: displayName.value.trim(),
        email: email.value.trim(),
        password: password.value,
        role,
        kinds: specialist ? kinds : [],
        organisation_id: organisationId,
        languages,
        categories: specialist ? categories : [],
      });
      for (const text of [displayName, email, password]) text.onValue('');
      setKinds([]);
      setCategories([]);
      announce(t('status.userCreated', { name: created.display_name }));
      onCreated(created);
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  const { fields: errors } = state.errors;

  return (
    <section class="card" aria-labelledby="staff-form-title">
      <h2 id="staff-form-title">{title}</h2>
      <Form
        state={state}
        testId="staff-form"
        submit={{ testId: 'staff-submit', label: t('staffForm.submit'), busyLabel: t('staffForm.submitting') }}
      >
        <DisplayNameField id="staff-display_name" autoComplete="off" {...displayName} error={errors.display_name} />
        <EmailField id="staff-email" autoComplete="off" {...email} error={errors.email} />
        <PasswordField
          id="staff-password"
          autoComplete="new-password"
          hint={t('staffForm.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          {...password}
          error={errors.password}
        />
        {roles.length > 1 && (
          <ChoiceGroup<StaffRole>
            id="staff-role"
            type="radio"
            legend={t('field.role')}
            options={valueOptions(t, 'role', roles)}
            selected={[role]}
            onChange={(selected) => {
              setRole(selected[0] ?? 'specialist');
            }}
            error={errors.role}
          />
        )}
        {specialist && (
          <>
            <ChoiceGroup<SpecialistKind>
              id="staff-kinds"
              type="checkbox"
              legend={t('field.kinds')}
              options={valueOptions(t, 'kind', SPECIALIST_KINDS)}
              selected={kinds}
              onChange={setKinds}
              error={errors.kinds}
            />
            <ChoiceGroup<Category>
              id="staff-categories"
              type="checkbox"
              legend={t('field.categories')}
              options={valueOptions(t, 'category', CATEGORIES)}
              selected={categories}
              onChange={setCategories}
              error={errors.categories}
            />
          </>
        )}
        {'choices' in organisation && (
          <SelectField
            id="staff-organisation"
            label={t('field.organisation')}
            value={organisationId}
            onValue={setOrganisationId}
            placeholder={t('field.chooseOrganisation')}
            options={organisation.choices.map((o) => ({ value: o.id, label: localName(o.name, language) }))}
            error={errors.organisation_id}
            required
          />
        )}
        <ChoiceGroup<Language>
          id="staff-languages"
          type="checkbox"
          legend={t('field.languages')}
          options={languageOptions(t)}
          selected={languages}
          onChange={setLanguages}
          error={errors.languages}
        />
      </Form>
    </section>
  );
}
