// The case has ended (Art. 26): the ground in words with its article (a screening refusal
// with its Art. 1 ground and what to do instead), the notice of termination where a party
// may ask for it (then its PDF), and once settled the follow-up of each obligation (performed
// or not, overdue shown) and the package for a court's approval.
import { caseLinks, type Case, type FollowedObligation } from '../../api/cases-client';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { formatWhen, Section } from './parts';
import { GROUND_ARTICLE, whoName } from './stage';
import type { CaseState } from './useCase';

export function EndedSection({ kase, state }: { kase: Case; state: CaseState }) {
  const { t, language } = useT();
  const { api } = useSession();
  const ending = kase.ending;
  if (!ending) return null;
  const can = new Set(kase.can);
  const settled = ending.ground === 'settled';
  const obligations = kase.settlement?.obligations ?? [];
  return (
    <Section id="case-ended" title={t('cases.ended.title')}>
      <p data-testid="case-ground" data-ground={ending.ground}>
        <strong>{t(`cases.grounds.${ending.ground}`, { defaultValue: ending.ground })}</strong>{' '}
        <span class="field__hint">{t('cases.ended.article', { article: GROUND_ARTICLE[ending.ground] ?? '26' })}</span>
      </p>
      <p>
        {t('cases.ended.when', { date: formatWhen(ending.at, language) })}
        {ending.by && ` ${t('cases.ended.by', { name: whoName(kase, ending.by) })}`}
      </p>
      {ending.ground === 'screening_refused' && ending.detail && (
        <div data-testid="case-screening-ground" data-detail={ending.detail}>
          <p>{t(`mediation.screening.${ending.detail}`, { defaultValue: ending.detail })}</p>
          <p>
            {t('cases.new.insteadCourt')} {t('cases.new.insteadLawyer')}{' '}
            <Link href="/receptions">{t('cases.new.insteadReception')}</Link>
          </p>
        </div>
      )}
      {ending.ground !== 'screening_refused' && ending.detail && <p class="case__text">{ending.detail}</p>}

      {(kase.notice_available || kase.notices.length > 0) && (
        <div class="case__subsection" data-testid="case-notice">
          <h3>{t('cases.notice.title')}</h3>
          <p>{t('cases.notice.explain')}</p>
          {kase.notices.map((n) => (
            <p key={n.at}>{t('cases.notice.requested', { name: whoName(kase, n.requested_by), date: formatWhen(n.at, language) })}</p>
          ))}
          {can.has('request_notice') && (
            <button
              type="button"
              class="button"
              disabled={state.busy}
              data-testid="case-notice-request"
              onClick={() => void state.act((v) => api.requestNotice(kase.id, v), [], t('cases.notice.done'))}
            >
              {t('cases.notice.request')}
            </button>
          )}
          {kase.notices.length > 0 && (
            <p>
              <a href={caseLinks.noticePdf(kase.id)} download data-testid="case-notice-pdf">
                {t('cases.notice.pdf')}
              </a>
            </p>
          )}
        </div>
      )}

      {settled && (
        <>
          <div class="case__subsection" data-testid="case-obligations">
            <h3>{t('cases.followUp.title')}</h3>
            <p>{t('cases.followUp.explain')}</p>
            <ul class="plain">
              {obligations.map((o) => (
                <ObligationRow key={o.id} kase={kase} obligation={o} state={state} />
              ))}
            </ul>
          </div>
          <p>
            <a href={caseLinks.courtPackage(kase.id)} download class="button button--secondary" data-testid="case-court-package">
              {t('cases.followUp.courtPackage')}
            </a>
          </p>
          <p class="field__hint">{t('cases.followUp.courtPackageHint')}</p>
        </>
      )}
    </Section>
  );
}

function ObligationRow({ kase, obligation, state }: { kase: Case; obligation: FollowedObligation; state: CaseState }) {
  const { t, language } = useT();
  const { api } = useSession();
  const status = obligation.performed === null ? (obligation.overdue ? 'overdue' : 'open') : obligation.performed ? 'performed' : 'notPerformed';
  const mark = (performed: boolean) =>
    void state.act((v) => api.markObligation(kase.id, obligation.id, performed, v), [], t('cases.followUp.marked'));
  return (
    <li class="card" data-testid="case-obligation-row" data-status={status}>
      <p>
        <strong>{whoName(kase, obligation.owed_by)}</strong>: {obligation.what}
      </p>
      <p class="field__hint">
        {t('cases.followUp.howDue', { how: obligation.how, date: formatWhen(obligation.due, language) })}
      </p>
      <p>
        <span class={status === 'performed' ? 'badge badge--ok' : status === 'open' ? 'badge' : 'badge badge--warning'}>
          {t(`cases.followUp.status.${status}`)}
        </span>
        {obligation.marked_at &&
          ` ${t('cases.followUp.markedBy', { name: whoName(kase, obligation.marked_by), date: formatWhen(obligation.marked_at, language) })}`}
      </p>
      {kase.can.includes('mark_obligation') && (
        <div class="actions">
          <button type="button" class="button button--secondary" disabled={state.busy} data-testid="case-obligation-performed" onClick={() => { mark(true); }}>
            {t('cases.followUp.performed')}
          </button>
          <button type="button" class="button button--secondary" disabled={state.busy} data-testid="case-obligation-not-performed" onClick={() => { mark(false); }}>
            {t('cases.followUp.notPerformed')}
          </button>
        </div>
      )}
    </li>
  );
}
