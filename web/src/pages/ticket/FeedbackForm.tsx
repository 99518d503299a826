// Rating (1–5 as radio "stars", each with its meaning in words), a comment and a
// proposal, sent once after the consultation.
import { useState } from 'preact/hooks';
import { Form } from '../../components/fields';
import { TextField } from '../../components/TextField';
import { useForm } from '../../components/useForm';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

const RATINGS = [1, 2, 3, 4, 5] as const;
const MAX_TEXT = 2000;
const FIELDS = ['rating', 'comment', 'proposal'] as const;

export function FeedbackForm({ ticketId, onSent }: { ticketId: string; onSent: () => void }) {
  const { t } = useT();
  const { api } = useSession();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [proposal, setProposal] = useState('');
  const state = useForm({
    fields: FIELDS,
    validate: () => ({
      rating: rating >= 1 && rating <= 5 ? undefined : t('feedback.ratingRequired'),
      comment: comment.length > MAX_TEXT ? t('validation.tooLong', { max: MAX_TEXT }) : undefined,
      proposal: proposal.length > MAX_TEXT ? t('validation.tooLong', { max: MAX_TEXT }) : undefined,
    }),
    send: async () => {
      await api.sendFeedback(ticketId, {
        rating,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(proposal.trim() ? { proposal: proposal.trim() } : {}),
      });
      onSent();
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  const errors = state.errors.fields;
  return (
    <section class="card" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('feedback.title')}</h2>
      <Form
        state={state}
        testId="feedback-form"
        submit={{ testId: 'feedback-submit', label: t('feedback.submit'), busyLabel: t('feedback.submitting') }}
      >
        <fieldset
          id="feedback-rating"
          class={errors.rating ? 'choices stars field--invalid' : 'choices stars'}
          aria-invalid={errors.rating ? 'true' : undefined}
          aria-describedby={errors.rating ? 'feedback-rating-error' : undefined}
          tabIndex={-1}
          data-testid="feedback-rating"
        >
          <legend>{t('feedback.rating')}</legend>
          <div class="stars__options">
            {RATINGS.map((value) => (
              <label key={value} class={value <= rating ? 'star star--on' : 'star'}>
                <input
                  type="radio"
                  name="feedback-rating"
                  value={String(value)}
                  class="visually-hidden"
                  checked={rating === value}
                  data-testid={`feedback-rating-${value}`}
                  onChange={() => {
                    setRating(value);
                  }}
                />
                <span class="star__icon" aria-hidden="true">
                  {value <= rating ? '★' : '☆'}
                </span>
                <span class="visually-hidden">{t('feedback.stars', { count: value })}</span>
              </label>
            ))}
          </div>
          <p class="field__hint" data-testid="feedback-rating-meaning">
            {rating > 0 ? t(`feedback.meaning.${rating}`) : t('feedback.ratingHint')}
          </p>
          {errors.rating && (
            <p id="feedback-rating-error" class="field__error">
              {errors.rating}
            </p>
          )}
        </fieldset>
        <TextField
          id="feedback-comment"
          label={t('feedback.comment')}
          multiline={3}
          value={comment}
          onValue={setComment}
          error={errors.comment}
          testId="feedback-comment"
        />
        <TextField
          id="feedback-proposal"
          label={t('feedback.proposal')}
          hint={t('feedback.proposalHint')}
          multiline={3}
          value={proposal}
          onValue={setProposal}
          error={errors.proposal}
          testId="feedback-proposal"
        />
      </Form>
    </section>
  );
}
