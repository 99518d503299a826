// A ticket's seats: one per kind of specialist asked for, with who has joined and who is
// still awaited (a panel has several).
import type { Seat } from '../api/types';
import { useT } from '../i18n/context';

export function SeatList({ seats }: { seats: Seat[] }) {
  const { t } = useT();
  return (
    <ul class="seats" data-testid="seats">
      {seats.map((seat, index) => (
        <li key={`${seat.kind}-${index}`} class={seat.specialist ? 'seat seat--joined' : 'seat'} data-testid="seat">
          <span class="seat__kind">{t(`kind.${seat.kind}`)}</span>
          <span class="seat__who">
            {seat.specialist ? t('seats.joined', { name: seat.specialist.display_name }) : t('seats.awaited')}
          </span>
        </li>
      ))}
    </ul>
  );
}
