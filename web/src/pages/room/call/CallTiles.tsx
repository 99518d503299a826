// The people in a call, one tile each: oneself first (the muted preview of what one sends)
// and then each other person, with their picture and — in an <audio> of its own — their
// voice, their name, what they send as far as this side knows (video, voice only, camera
// off), why their link fell back to voice or chat (fallback.ts, as the server relays it),
// when their picture comes smaller to spare one's connection (layers.ts), and their link's
// quality in words. A person without a picture shows their initial. Each remote tile reports
// its rendered size (onSize), which the receiving link's simulcast layer follows.
import { useEffect, useRef } from 'preact/hooks';
import type { CallState, RemotePerson } from '../../../media/call';
import { modeLabelKey } from '../../../media/fallback';
import type { Quality } from '../../../media/quality';
import { useT } from '../../../i18n/context';
import { attachStream } from '../../check/elements';

export function QualityBadge({ quality }: { quality: Quality | null }) {
  const { t } = useT();
  if (!quality) return null;
  return (
    <p class={`call__quality call__quality--${quality}`} data-testid="call-quality" data-quality={quality}>
      <span class="call__bars" aria-hidden="true" />
      {t(`call.quality.${quality}`)}
    </p>
  );
}

/** The first letter of a name, for a tile without a picture. */
function initial(name: string): string {
  const code = name.trim().codePointAt(0);
  return code === undefined ? '' : String.fromCodePoint(code).toUpperCase();
}

export function SelfTile({ state }: { state: CallState }) {
  const { t } = useT();
  const preview = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    attachStream(preview.current, state.preview);
  }, [state.preview]);
  const picture = state.preview !== null;
  const mode = state.sharing
    ? t('call.mode.sharing')
    : t(state.mode === 'audio' ? 'call.mode.audio' : state.cameraOff ? 'call.mode.cameraOff' : 'call.mode.video');
  const name = t('call.you');
  const { link } = state;
  // A mode the link fell into says why; a chosen one is what one sends.
  const shown = link && link.reason !== 'chosen' ? t(modeLabelKey(link.mode, link.reason)) : mode;
  return (
    <li class="call__tile call__tile--self" data-mode={state.sharing ? 'sharing' : state.mode}>
      <video
        ref={preview}
        class={['call__video', picture ? '' : 'call__video--hidden', state.sharing ? '' : 'call__video--mirror']
          .filter(Boolean)
          .join(' ')}
        autoplay
        muted
        playsInline
        aria-label={t('call.preview')}
        data-testid="call-local-video"
      />
      {!picture && (
        <div class="call__avatar" aria-hidden="true">
          {initial(name)}
        </div>
      )}
      <p class="call__caption">
        <span class="call__name">{name}</span>
        <span data-testid="call-mode" data-mode={link?.mode ?? state.mode}>
          {shown}
        </span>
        {state.muted && <span class="call__muted">{t('call.muted')}</span>}
      </p>
      <QualityBadge quality={state.uplink} />
    </li>
  );
}

export function RemoteTile({
  person,
  name,
  onSize,
}: {
  person: RemotePerson;
  name: string;
  onSize?: (width: number, height: number) => void;
}) {
  const { t } = useT();
  const tile = useRef<HTMLLIElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    attachStream(video.current, person.stream);
    attachStream(audio.current, person.stream);
  }, [person.stream]);
  const sized = useRef(onSize);
  sized.current = onSize;
  useEffect(() => {
    const element = tile.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) sized.current?.(Math.round(entry.contentRect.width), Math.round(entry.contentRect.height));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);
  // Shown unless known to carry none: a picture may arrive before the first measure.
  const fell = person.fallback && person.fallback.reason !== 'chosen' ? person.fallback : null;
  const picture = person.stream !== null && person.mode !== 'audio' && person.mode !== 'cameraOff' && !fell;
  const seen = !person.connected ? t('call.mode.connecting') : person.mode ? t(`call.mode.${person.mode}`) : '';
  const mode = fell ? t(modeLabelKey(fell.mode, fell.reason)) : seen;
  return (
    <li
      ref={tile}
      class="call__tile"
      data-testid="call-tile"
      data-user-id={person.userId}
      data-mode={fell?.mode ?? person.mode ?? undefined}
      data-layer={person.layer ?? undefined}
    >
      {/* The sound plays from the <audio>; the picture is muted so that it may play by itself. */}
      <video
        ref={video}
        class={picture ? 'call__video' : 'call__video call__video--hidden'}
        autoplay
        muted
        playsInline
        aria-label={t('call.picture', { name })}
      />
      <audio ref={audio} autoplay />
      {!picture && (
        <div class="call__avatar" aria-hidden="true">
          {initial(name)}
        </div>
      )}
      <p class="call__caption">
        <span class="call__name">{name}</span>
        {mode && <span>{mode}</span>}
        {person.saving && picture && <span data-testid="call-saving">{t('call.layer.saving')}</span>}
      </p>
      <QualityBadge quality={person.connected ? person.quality : null} />
    </li>
  );
}
