// Organisations with their region, for the admin.
import type { Organisation, Region } from '../api/types';
import { useT } from '../i18n/context';
import { ListCard } from './ListCard';
import { localName } from './localName';

interface OrganisationListProps {
  organisations: Organisation[];
  regions: Region[];
}

export function OrganisationList({ organisations, regions }: OrganisationListProps) {
  const { t, language } = useT();
  const regionName = (code: string) => {
    const region = regions.find((r) => r.code === code);
    return region ? localName(region.name, language) : code;
  };
  return (
    <ListCard name="organisations" testId="organisation-list" count={organisations.length}>
      {organisations.map((organisation) => (
        <li key={organisation.id} class="row">
          <span class="row__main">{localName(organisation.name, language)}</span>
          <span class="row__meta">
            {t('organisations.region')}: {regionName(organisation.region)}
          </span>
        </li>
      ))}
    </ListCard>
  );
}
