// The intake form: region, language, category, what happened, channel, the kinds of
// specialist (several: a panel), an optional contact and time slot, and consent.
// Checked here first (intake.ts), then by the server, whose field problems show beside
// their fields.
import { useState } from 'preact/hooks';
import {
  SPECIALIST_KINDS,
  type Channel,
  type Reception,
  type Region,
  type Slot,
  type SpecialistKind,
  type Ticket,
} from '../../api/types';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ConsentField, isOutdatedConsent, useConsentText } from '../../components/Consent';
import { Form, languageOptions, valueOptions } from '../../components/fields';
import { formatDateTime } from '../../components/format';
import { localName } from '../../components/localName';
import { SelectField, TextField } from '../../components/TextField';
import { useForm } from '../../components/useForm';
import type { Language } from '../../i18n';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import {
  initialIntake,
  INTAKE_FIELDS,
  intakeRequest,
  MAX_DESCRIPTION,
  validateIntake,
  type IntakeValues,
} from './intake';

interface AskFormProps {
  reception: Reception;
  regions: Region[];
  slots: Slot[];
  onCreated: (ticket: Ticket, link: string | null) => void | Promise<void>;
}

const ASAP = '';

export function AskForm({ reception, regions, slots, onCreated }: AskFormProps) {
  const { t, language } = useT();
  const { api } = useSession();
  const [values, setValues] = useState<IntakeValues>(() => initialIntake(language, reception));
  const set = <K extends keyof IntakeValues>(key: K) => (value: IntakeValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
  };
  const consent = useConsentText({ reception: reception.id });
  const state = useForm({
    fields: INTAKE_FIELDS,
    validate: () => validateIntake(t, values, { reception, regions, slots, consent: consent.data }),
    send: async () => {
      try {
        const request = intakeRequest(reception.id, values, consent.data?.version ?? '');
        const { ticket, link } = await api.createTicket(request);
        await onCreated(ticket, link);
      } catch (error) {
        // The text changed since it was shown: show the new one and ask again.
        if (isOutdatedConsent(error)) {
          consent.reload();
          set('consent')(false);
        }
        throw error;
      }
    },
    afterSuccess: 'stay-busy',
    focusServerErrors: true,
  });
  const { fields: errors } = state.errors;
  const onDuty = new Set(reception.kinds_on_duty);
  const kindOptions = SPECIALIST_KINDS.map((kind) => ({
    value: kind,
    label: onDuty.has(kind) ? t('intake.kindOnDuty', { kind: t(`kind.${kind}`) }) : t(`kind.${kind}`),
  }));
  const freeSlots = slots.filter((slot) => slot.free);
  const regionOptions = regions
    .map((region) => ({ value: region.code, label: localName(region.name, language) }))
    .sort((a, b) => a.label.localeCompare(b.label, language));

  return (
    <Form
      state={state}
      testId="intake-form"
      errorTestId="intake-error"
      submit={{ testId: 'intake-submit', label: t('intake.submit'), busyLabel: t('intake.submitting') }}
    >
      <p class="field__hint">{t('intake.anonymous')}</p>
      <SelectField
        id="intake-region"
        label={t('intake.region')}
        placeholder={t('intake.chooseRegion')}
        value={values.region}
        onValue={set('region')}
        options={regionOptions}
        error={errors.region}
        required
        testId="intake-region"
      />
      <ChoiceGroup<Language>
        id="intake-language"
        type="radio"
        legend={t('intake.language')}
        options={languageOptions(t)}
        selected={[values.language]}
        onChange={(selected) => {
          set('language')(selected[0] ?? language);
        }}
        error={errors.language}
        testId="intake-language"
      />
      <ChoiceGroup<string>
        id="intake-category"
        type="radio"
        legend={t('intake.category')}
        options={reception.categories.map((code) => ({ value: code, label: t(`category.${code}`, { defaultValue: code }) }))}
        selected={values.category ? [values.category] : []}
        onChange={(selected) => {
          set('category')(selected[0] ?? '');
        }}
        error={errors.category}
        testId="intake-category"
      />
      <TextField
        id="intake-description"
        label={t('intake.description')}
        hint={t('intake.descriptionHint')}
        multiline={6}
        maxLength={MAX_DESCRIPTION}
        value={values.description}
        onValue={set('description')}
        error={errors.description}
        required
        testId="intake-description"
      />
      <ChoiceGroup<Channel>
        id="intake-channel"
        type="radio"
        legend={t('intake.channel')}
        options={valueOptions(t, 'channel', reception.channels)}
        selected={values.channel ? [values.channel] : []}
        onChange={(selected) => {
          set('channel')(selected[0] ?? '');
        }}
        error={errors.channel}
        testId="intake-channel"
      />
      <ChoiceGroup<SpecialistKind>
        id="intake-kinds"
        type="checkbox"
        legend={t('intake.kinds')}
        hint={t('intake.kindsHint')}
        options={kindOptions}
        selected={values.kinds}
        onChange={set('kinds')}
        error={errors.kinds}
        testId="intake-kinds"
      />
      {values.kinds.length > 1 && (
        <p class="notice" data-testid="intake-panel">
          {t('intake.panel', { count: values.kinds.length })}
        </p>
      )}
      {reception.slot_minutes > 0 && (
        <SelectField
          id="intake-slot"
          label={t('intake.slot')}
          hint={freeSlots.length === 0 ? t('intake.noSlots') : t('intake.slotHint', { minutes: reception.slot_minutes })}
          value={values.slotAt}
          onValue={set('slotAt')}
          options={[
            { value: ASAP, label: t('intake.asap') },
            ...freeSlots.map((slot) => ({ value: slot.at, label: formatDateTime(slot.at, language) })),
          ]}
          error={errors.slot_at}
          testId="intake-slot"
        />
      )}
      <TextField
        id="intake-contact"
        label={values.channel === 'phone' ? t('intake.contactPhone') : t('intake.contact')}
        hint={t('intake.contactHint')}
        type={values.channel === 'phone' ? 'tel' : 'text'}
        autoComplete={values.channel === 'phone' ? 'tel' : 'off'}
        value={values.contact}
        onValue={set('contact')}
        error={errors.contact}
        required={values.channel === 'phone'}
        testId="intake-contact"
      />
      <ConsentField
        id="intake-consent"
        purpose="question"
        consent={consent}
        checked={values.consent}
        onChecked={set('consent')}
        error={errors.consent}
        testId="intake-consent"
      />
    </Form>
  );
}
