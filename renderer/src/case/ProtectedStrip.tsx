import { useTranslation } from 'react-i18next';
import type { CaseView, PersonView } from '../../../shared/cases/model';
import { LockGlyph } from '../ui/LockGlyph';

/**
 * One line at the top of the case, sticky whatever the scroll, naming every protected or possible person on the
 * form (「記載された方1：支援措置対象者（D0003）」). Issue 23: in a long form the protected status started below the
 * fold, so the first view did not tell the truth. Body size and neutral: it is for the clerk, not the room.
 */
export function ProtectedStrip({ view, who }: { view: CaseView; who: string }) {
  const { t } = useTranslation();
  const named: Array<{ label: string; person: PersonView }> = [
    { label: who, person: view.applicant },
    ...view.persons.map((p, i) => ({ label: t('case.person', { n: i + 1 }), person: p })),
  ].filter((x) => x.person.protected);
  if (named.length === 0) return null;
  return (
    <div className="protected-strip" role="status" aria-label={t('case.strip.label')} data-testid="protected-strip">
      <LockGlyph />
      <span className="strip-label">{t('case.strip.label')}</span>
      <ul>
        {named.map(({ label, person }) => (
          <li key={person.slot} data-testid={`strip-${person.slot}`}>
            {t(person.recordIds.length ? 'case.strip.item' : 'case.strip.itemNoIds', {
              who: label,
              tag: person.decision === 'match' ? t('case.protectedTag') : t('case.possibleTag'),
              ids: person.recordIds.join('、'),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
