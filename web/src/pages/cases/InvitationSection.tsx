// The invitation of the other party (Art. 20 p.6, Art. 5): send it (by e-mail where the
// party has one) with an optional own term, then the link to copy and a ready text to paste
// into WhatsApp or Telegram. The links come only in the answer to sending; sending again
// makes new ones and the old ones stop working.
import { useState } from 'preact/hooks';
import type { Case, InvitationLink } from '../../api/cases-client';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { formatWhen, Section, StepForm } from './parts';
import type { CaseState } from './useCase';

const DEFAULT_DAYS = 10;

export function InvitationSection({ kase, state, inviter }: { kase: Case; state: CaseState; inviter: string }) {
  const { t, language } = useT();
  const { api } = useSession();
  const [days, setDays] = useState('');
  const [links, setLinks] = useState<InvitationLink[]>([]);
  const can = kase.can.includes('invite');
  const partyName = (id: string) => kase.parties.find((p) => p.id === id)?.name ?? '';

  return (
    <Section id="case-invitation" title={t('cases.invite.title')}>
      <p>{t('cases.invite.explain', { count: kase.invitation?.answer_days ?? DEFAULT_DAYS })}</p>
      {kase.invitation && (
        <p data-testid="case-invitation-sent">
          {t('cases.invite.sent', {
            date: formatWhen(kase.invitation.sent_at, language),
            deadline: formatWhen(kase.invitation.deadline, language),
          })}
        </p>
      )}
      {can && (
        <StepForm
          id="case-invite"
          busy={state.busy}
          submit={kase.invitation ? t('cases.invite.again') : t('cases.invite.send')}
          validate={() => {
            const n = Number(days);
            return days.trim() && !(Number.isInteger(n) && n >= 1 && n <= 90)
              ? { answer_days: t('cases.invite.daysRange') }
              : {};
          }}
          onSend={async () => {
            let answer: InvitationLink[] = [];
            const result = await state.act(
              async (version) => {
                const sent = await api.sendInvitation(kase.id, days.trim() ? Number(days) : undefined, version);
                answer = sent.links;
                return sent.case;
              },
              ['answer_days'],
              t('cases.invite.done'),
            );
            if (!result) setLinks(answer);
            return result;
          }}
        >
          {(errors) =>
            !kase.invitation && (
              <TextField
                id="case-invite-days"
                type="number"
                inputMode="numeric"
                min={1}
                max={90}
                label={t('cases.invite.days')}
                hint={t('cases.invite.daysHint', { count: DEFAULT_DAYS })}
                value={days}
                onValue={setDays}
                error={errors.fields.answer_days}
                testId="case-invite-days"
              />
            )
          }
        </StepForm>
      )}
      {kase.invitation && can && <p class="field__hint">{t('cases.invite.oldLinks')}</p>}
      {links.map((link) => (
        <InvitationLinkBox
          key={link.party_id}
          link={link.link}
          party={partyName(link.party_id)}
          message={t('cases.invite.message', {
            name: partyName(link.party_id),
            inviter,
            category: t(`cases.categories.${kase.category}`),
            link: link.link,
            date: kase.invitation ? formatWhen(kase.invitation.deadline, language) : '',
          })}
        />
      ))}
    </Section>
  );
}

/** Copies text; older browsers (or a refused permission) fall back to selecting it. */
async function copy(text: string, fallback: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    fallback?.select();
    return false;
  }
}

function InvitationLinkBox({ link, party, message }: { link: string; party: string; message: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState<'link' | 'message' | 'select' | undefined>(undefined);
  const id = `invite-${party.replace(/\W+/g, '') || 'party'}`;
  return (
    <div class="case__link" data-testid="case-invite-link-box">
      <h3>{t('cases.invite.linkFor', { name: party })}</h3>
      <div class="field">
        <label for={`${id}-link`}>{t('cases.invite.link')}</label>
        <input id={`${id}-link`} type="text" readOnly value={link} data-testid="case-invite-link" />
      </div>
      <button
        type="button"
        class="button button--secondary"
        data-testid="case-invite-copy"
        onClick={(event) => {
          const input = event.currentTarget.parentElement?.querySelector('input') ?? null;
          void copy(link, input).then((ok) => {
            setCopied(ok ? 'link' : 'select');
          });
        }}
      >
        {t('cases.invite.copy')}
      </button>
      <div class="field">
        <label for={`${id}-message`}>{t('cases.invite.messageLabel')}</label>
        <textarea id={`${id}-message`} rows={6} readOnly value={message} data-testid="case-invite-message" />
      </div>
      <button
        type="button"
        class="button button--secondary"
        data-testid="case-invite-copy-message"
        onClick={(event) => {
          const area = event.currentTarget.parentElement?.querySelector('textarea') ?? null;
          void copy(message, area).then((ok) => {
            setCopied(ok ? 'message' : 'select');
          });
        }}
      >
        {t('cases.invite.copyMessage')}
      </button>
      <p role="status" class="field__hint" data-testid="case-invite-copied">
        {copied && t(`cases.invite.copied.${copied}`)}
      </p>
    </div>
  );
}
