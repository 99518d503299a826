// Invites a specialist (or, for an admin, a coordinator) with POST /api/v1/users: the
// person gets a mail with a link to set their own password, so nobody hands one over.
// A coordinator invites people to their own organisation; an admin picks one.
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
import { CapacityField, DisplayNameField, EmailField, Form, languageOptions, valueOptions } from './fields';
import { LiveMessage } from './LiveMessage';
import { localName } from './localName';
import { SelectField } from './TextField';
import { useForm, useTextValue } from './useForm';
import { checkEmail, checkRequired } from './validation';

const FIELDS = [
  'display_name',
  'email',
  'role',
  'capacity',
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
  const { api } = useSession();
  const displayName = useTextValue();
  const email = useTextValue();
  const [capacity, setCapacity] = useState(1);
  const [invited, setInvited] = useState<string | undefined>(undefined);
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
      kinds: specialist && kinds.length === 0 ? t('validation.chooseOne') : undefined,
      organisation_id: organisationId ? undefined : t('validation.required'),
      languages: languages.length === 0 ? t('validation.chooseOne') : undefined,
    }),
    send: async () => {
      setInvited(undefined);
      const created = await api.inviteUser({
        display_name: displayName.value.trim(),
        email: email.value.trim(),
        role,
        kinds: specialist ? kinds : [],
        organisation_id: organisationId,
        // The mail comes in the inviter's language when the person speaks it, else in
        // the first language they speak.
        language: languages.includes(language) ? language : languages[0],
        languages,
        categories: specialist ? categories : [],
        ...(specialist ? { capacity } : {}),
      });
      for (const text of [displayName, email]) text.onValue('');
      setKinds([]);
      setCategories([]);
      setCapacity(1);
      // Said here, next to the form, where the inviter is looking (often far down a phone screen).
      setInvited(t('staffForm.invited', { email: created.email }));
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
        <EmailField
          id="staff-email"
          autoComplete="off"
          hint={t('staffForm.emailHint')}
          {...email}
          error={errors.email}
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
            <CapacityField id="staff-capacity" value={capacity} onValue={setCapacity} error={errors.capacity} />
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
      <LiveMessage kind="status" message={invited} testId="staff-invited" />
    </section>
  );
}
