// How people are named on screen. A guest (someone who asked a question without signing
// up) is a citizen with an empty display name: they are shown as "Guest" to themselves
// and as "Citizen" to the specialists in their room.
import type { TFunction } from 'i18next';
import type { Message, User } from '../api/types';

export function isGuest(user: Pick<User, 'role' | 'display_name'>): boolean {
  return user.role === 'citizen' && user.display_name.trim() === '';
}

/** The signed-in person's own name, or "Guest". */
export function userName(t: TFunction, user: Pick<User, 'role' | 'display_name'>): string {
  return isGuest(user) ? t('people.guest') : user.display_name;
}

/** Someone else's name in a room, or "Citizen" for a guest. */
export function memberName(t: TFunction, displayName: string | null | undefined): string {
  return displayName?.trim() ? displayName : t('chat.citizen');
}

const SYSTEM_TEXTS = new Map([
  ['room.closed', 'chat.system.room.closed'],
  ['room.no_show', 'chat.system.room.no_show'],
]);

/** The words of a system message (its body is a code such as "room.closed"), translated. */
export function systemText(t: TFunction, message: Pick<Message, 'body'>): string {
  return t(SYSTEM_TEXTS.get(message.body) ?? 'chat.system.unknown');
}
