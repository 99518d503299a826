// A reception's own fields, shared by the new and the edit screens: title and description
// in the three languages, start and end in the viewer's zone, topics, channels and the
// length of a booking slot. The draft and its checks are in draft.ts.
import { CATEGORIES, CHANNELS, type Channel } from '../../api/types';
import type { Language } from '../../i18n';
import { useT } from '../../i18n/context';
import { ChoiceGroup } from '../ChoiceGroup';
import { valueOptions } from '../fields';
import { LocalTextFields } from '../LocalTextFields';
import { TextField } from '../TextField';
import { MAX_SLOT_MINUTES, type ReceptionDraft } from './draft';

interface ReceptionFieldsProps {
  draft: ReceptionDraft;
  /** Takes an update of the draft (a state setter will do): several fields may change at once. */
  onChange: (update: (draft: ReceptionDraft) => ReceptionDraft) => void;
  errors: Record<string, string | undefined>;
}

export function ReceptionFields({ draft, onChange, errors }: ReceptionFieldsProps) {
  const { t } = useT();
  const set = <K extends keyof ReceptionDraft>(key: K) => (value: ReceptionDraft[K]) => {
    onChange((current) => ({ ...current, [key]: value }));
  };
  const setText = (key: 'titles' | 'descriptions') => (language: Language, value: string) => {
    onChange((current) => ({ ...current, [key]: { ...current[key], [language]: value } }));
  };
  return (
    <>
      <LocalTextFields
        id="reception-title"
        legend={t('newReception.titles')}
        label={(language) => t('newReception.titleIn', { language })}
        values={draft.titles}
        onChange={setText('titles')}
        error={errors.title}
        errors={{ kk: errors['title-kk'], ru: errors['title-ru'], en: errors['title-en'] }}
        testId="reception-title"
      />
      <LocalTextFields
        id="reception-description"
        legend={t('newReception.descriptions')}
        label={(language) => t('newReception.descriptionIn', { language })}
        values={draft.descriptions}
        onChange={setText('descriptions')}
        multiline={3}
      />
      <p class="field__hint">{t('newReception.timesHint')}</p>
      <TextField
        id="reception-starts"
        type="datetime-local"
        label={t('newReception.startsAt')}
        value={draft.startsAt}
        onValue={set('startsAt')}
        error={errors.starts_at}
        required
        testId="reception-starts"
      />
      <TextField
        id="reception-ends"
        type="datetime-local"
        label={t('newReception.endsAt')}
        value={draft.endsAt}
        onValue={set('endsAt')}
        error={errors.ends_at}
        required
        testId="reception-ends"
      />
      <ChoiceGroup<string>
        id="reception-categories"
        type="checkbox"
        legend={t('field.categories')}
        options={valueOptions(t, 'category', CATEGORIES)}
        selected={draft.categories}
        onChange={set('categories')}
        error={errors.categories}
        testId="reception-categories"
      />
      <ChoiceGroup<Channel>
        id="reception-channels"
        type="checkbox"
        legend={t('newReception.channels')}
        options={valueOptions(t, 'channel', CHANNELS)}
        selected={draft.channels}
        onChange={set('channels')}
        error={errors.channels}
        testId="reception-channels"
      />
      <TextField
        id="reception-slot"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_SLOT_MINUTES}
        label={t('newReception.slotMinutes')}
        hint={t('newReception.slotHint')}
        value={draft.slotMinutes}
        onValue={set('slotMinutes')}
        error={errors.slot_minutes}
        testId="reception-slot"
      />
    </>
  );
}
