import { useQuery } from '@tanstack/react-query';
import type { PartyScreening } from '@qiao/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { isLocale } from '../../../i18n/locale.ts';
import { filterParties, primaryName } from '../../../lib/names.ts';
import { projectKeys, projectsApi } from '../api.ts';
import type { PartyDraft } from '../lib/proposal.ts';
import { ScreeningBadge } from './ScreeningBadge.tsx';
import { DataTable, HiddenHeader } from '../../../components/DataTable.tsx';

const ROLES = ['lead', 'partner', 'member'] as const;
const SHOWN = 8;

interface PartiesPickerProps {
  value: PartyDraft[];
  onChange: (next: PartyDraft[]) => void;
}

/** Choose organisations and people from the directory, each shown with its side and screening status. */
export function PartiesPicker({ value, onChange }: PartiesPickerProps) {
  const { t, i18n } = useTranslation('projects');
  const locale = isLocale(i18n.language) ? i18n.language : 'en';
  const id = useId();
  const directory = useQuery({ queryKey: projectKeys.parties(), queryFn: projectsApi.parties });
  const [query, setQuery] = useState('');
  const [side, setSide] = useState('');
  const chosen = new Set(value.map((p) => p.partyId));
  const known = new Map(directory.status === 'success' ? directory.data.map((p) => [p.partyId, p]) : []);
  // The reader's script when the directory has it; the stored (English) name until it loads.
  const nameOf = (party: PartyDraft) => {
    const entry = known.get(party.partyId);
    return entry ? primaryName(entry.names, locale) : party.name;
  };

  function handleAdd(party: PartyScreening) {
    const name = primaryName(party.names, 'en') || primaryName(party.names, locale);
    onChange([...value, { partyId: party.partyId, kind: party.partyKind, role: value.length === 0 ? 'lead' : 'partner', side: party.side, name }]);
  }

  const candidates = directory.status === 'success' ? filterParties(directory.data, { side, query }).filter((p) => !chosen.has(p.partyId)) : [];

  return (
    <fieldset className="fieldset parties-picker" data-testid="parties-picker">
      <legend>{t('form.parties')}</legend>
      <p className="hint">{t('form.partiesHint')}</p>
      {value.length === 0 ? (
        <p className="empty-inline">{t('form.noParties')}</p>
      ) : (
        <DataTable testId="chosen-parties" caption={t('form.chosenParties')} columns={[t('party.name'), t('party.side'), t('party.screening'), t('party.role'), <HiddenHeader>{t('form.remove')}</HiddenHeader>]}>
          {value.map((party, i) => (
            <tr key={party.partyId} data-side={party.side}>
              <td>
                {nameOf(party)} <span className="muted">· {t(`party.kind.${party.kind}`)}</span>
              </td>
              <td>
                <SideBadge side={party.side} />
              </td>
              <td>
                <ScreeningBadge status={known.get(party.partyId)?.status ?? null} />
              </td>
              <td>
                <select
                  aria-label={t('party.roleOf', { name: nameOf(party) })}
                  value={party.role}
                  onChange={(e) => onChange(value.map((p, j) => (j === i ? { ...p, role: e.target.value as PartyDraft['role'] } : p)))}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`party.roles.${role}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="cell-tight">
                <button type="button" className="button button-quiet" onClick={() => onChange(value.filter((_, j) => j !== i))}>
                  {t('form.remove')}
                  <span className="visually-hidden"> {nameOf(party)}</span>
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="party-search" role="search" aria-label={t('form.findParty')}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('form.findParty')}</label>
          <input id={`${id}-q`} type="search" name="party-search" value={query} placeholder={t('form.findPartyPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-side`}>{t('party.side')}</label>
          <select id={`${id}-side`} name="party-side" value={side} onChange={(e) => setSide(e.target.value)}>
            <option value="">{t('filters.anySide')}</option>
            <option value="US">US</option>
            <option value="CN">CN</option>
          </select>
        </div>
      </div>
      {directory.status === 'pending' && <Loading />}
      {directory.status === 'error' && <ErrorMessage error={directory.error} onRetry={() => void directory.refetch()} />}
      {directory.status === 'success' && candidates.length === 0 && <p className="empty-inline">{t('form.noCandidates')}</p>}
      {candidates.length > 0 && (
        <ul className="party-candidates" data-testid="party-candidates">
          {candidates.slice(0, SHOWN).map((party) => {
            const name = primaryName(party.names, locale);
            return (
              <li key={party.partyId} data-side={party.side} data-testid="party-candidate">
                <span className="party-candidate-name">
                  {name} <span className="muted">· {t(`party.kind.${party.partyKind}`)}</span>
                </span>
                <SideBadge side={party.side} />
                <ScreeningBadge status={party.status} />
                <button type="button" className="button button-secondary" onClick={() => handleAdd(party)}>
                  {t('form.add')}
                  <span className="visually-hidden"> {name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {candidates.length > SHOWN && <p className="hint">{t('form.moreCandidates', { count: candidates.length - SHOWN })}</p>}
    </fieldset>
  );
}
