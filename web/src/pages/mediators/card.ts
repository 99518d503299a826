// A register entry's lines as a card shows them, in the page's language: the kind, who keeps
// the entry (an organisation of mediators or an akimat), the certificate, what they take on,
// in which languages and regions, and — when suspended or excluded — since when and why.
import type { TFunction } from 'i18next';
import type { Mediator, Region } from '../../api/types';
import { formatLocalDate } from '../../components/format';
import { localName } from '../../components/localName';
import type { Language } from '../../i18n';

export interface CardLines {
  kind: string;
  /** The label over the keeper: "Organisation of mediators" or "Akimat". */
  keeperLabel: string;
  keeper: string;
  /** "No. 17 of 3 March 2024"; absent without a certificate (public mediators). */
  certificate?: string;
  specialisations: string;
  languages: string;
  regions: string;
  /** Only when suspended or excluded: the badge, the date and the reason. */
  status?: { label: string; since?: string; reason?: string };
}

/** The first letter in capitals, as the language writes it ("қазақ тілі" → "Қазақ тілі"). */
export function capitalise(text: string, language: Language): string {
  const [first = '', ...rest] = Array.from(text);
  return first.toLocaleUpperCase(language) + rest.join('');
}

/** Values of a closed list named from the catalogue (`prefix.value`), joined into one line. */
export function namedList(t: TFunction, language: Language, prefix: string, values: readonly string[]): string {
  const names = values.map((value) => t(`${prefix}.${value}`, { defaultValue: value }));
  return capitalise(names.join(', '), language);
}

/** A region's name in the language, its code when the list does not know it. */
export function regionName(regions: readonly Region[], code: string, language: Language): string {
  const region = regions.find((r) => r.code === code);
  return region ? localName(region.name, language) : code;
}

export function cardLines(t: TFunction, language: Language, mediator: Mediator, regions: readonly Region[]): CardLines {
  const lines: CardLines = {
    kind: t(`mediators.kind.${mediator.kind}`),
    keeperLabel: t(`mediators.keeper.${mediator.kind}`),
    keeper: mediator.keeper,
    specialisations: namedList(t, language, 'mediators.specialisation', mediator.specialisations),
    languages: namedList(t, language, 'mediators.languageName', mediator.languages),
    regions: mediator.regions.map((code) => regionName(regions, code, language)).join(', '),
  };
  if (mediator.certificate) {
    lines.certificate = t('mediators.certificateLine', {
      number: mediator.certificate.number,
      date: formatLocalDate(mediator.certificate.date, language),
    });
  }
  if (mediator.status !== 'active') {
    lines.status = { label: t(`mediators.status.${mediator.status}`) };
    if (mediator.status_since) lines.status.since = formatLocalDate(mediator.status_since, language);
    if (mediator.status_reason.trim()) lines.status.reason = mediator.status_reason.trim();
  }
  return lines;
}
