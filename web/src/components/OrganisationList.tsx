// Organisations with their region, for the admin, each with the way to change its name
// and region and to set up its permanent line.
import type { Organisation, Region } from '../api/types';
import { useT } from '../i18n/context';
import { Link } from '../router';
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
      {organisations.map((organisation) => {
        const base = `/organisations/${encodeURIComponent(organisation.id)}`;
        const nameId = `organisation-${organisation.id}`;
        return (
          <li key={organisation.id} class="row" data-testid="organisation-row">
            <span class="row__main" id={nameId}>
              {localName(organisation.name, language)}
            </span>
            <span class="row__meta">
              {t('organisations.region')}: {regionName(organisation.region)}
            </span>
            <span class="links">
              <Link href={`${base}/edit`} aria-describedby={nameId} data-testid="organisation-edit">
                {t('organisations.edit')}
              </Link>
              <Link href={`${base}/line`} aria-describedby={nameId} data-testid="organisation-line">
                {t('home.coordinator.lineSettings')}
              </Link>
            </span>
          </li>
        );
      })}
    </ListCard>
  );
}
